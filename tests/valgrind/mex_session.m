% mex_session.m -- a short session through every MEX gateway for
% `make check-valgrind`: the success paths (create, train with minibatches
% and validation, divergence, predict in blocks, loss and gradient, info)
% and every error path of the fuzz table (hlnn_fuzz_cases), in this one
% process, so that valgrind sees each gateway unwind from each error.
warning ('off', 'all');
x = linspace (-pi, pi, 300)';
y = sin (x);
m = mlp_create ([1 16 16 1], 'Seed', 1, 'Activation', 'softplus');
m = mlp_train (m, x, y, 'Steps', 60, 'Batch', 32, 'Validation', {x, y}, 'Verbose', false);
d = mlp_train (m, x, y * 1e3, 'Steps', 100, 'Optimizer', 'sgd', 'LearningRate', 1e6, 'Verbose', false);
assert (~isempty (d.history.diverged_at));
p = mlp_predict (m, repmat (x, 20, 1));      % 6000 rows: two blocks
[loss, grad] = hlnn_loss_mex (m, x, y);
s = hlnn ();
[W, b] = hlnn_mlp_init_mex ([3 5 2], 'orthogonal', 7);
log = [tempname(), '.log'];
hlnn_fuzz_batch ('hlnn_fuzz_cases', 1, log);
txt = fileread (log);
delete (log);
printf ('mex session: %d fuzz cases run, loss %.6g, %d predictions\n', ...
        numel (strfind (txt, 'end ')), loss, numel (p));
