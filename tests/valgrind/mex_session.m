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
% an HNN in chunked parts: 300 rows on one thread (a one-part split, two
% chunks of 150), 400 rows on two (parts of 200, two chunks of 100 each)
h = hnn_create (1, [16 16], 'Seed', 2);
q = [x, cos(x)];
dq = [q(:, 2), -q(:, 1)];
s1 = hlnn (1);
h1 = hnn_train (h, q, dq, 'Steps', 5, 'Verbose', false);
s2 = hlnn (2);
h2 = hnn_train (h, [q; q(1:100, :)], [dq; dq(1:100, :)], 'Steps', 5, 'Verbose', false);
s1 = hlnn (1);
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
