% -*- texinfo -*-
% @deftypefn {hlnn} {} test_divergence ()
% Divergence: an absurd learning rate stops training with warning
% @code{hlnn:train:diverged}; the returned model is the last one whose
% loss was finite (bit-identical to a run stopped there on purpose) and
% @code{model.history.diverged_at} records its step.  Both ways the loop
% meets a divergence are exercised: inside a chunk of steps, and at the
% first step of a chunk (the previous chunk is then replayed but its last
% step); they must agree.  The same holds for HNN and LNN training.
% @end deftypefn
function test_divergence ()
end

%!shared x, y, m0, opts
%! x = linspace (-pi, pi, 64)';
%! y = sin (x);
%! m0 = mlp_create ([1 8 1], 'Seed', 2);
%! opts = {'Optimizer', 'sgd', 'LearningRate', 1e4, 'Verbose', false};

%!test
%! % growing chunks (1, 4, 16, 64, ... steps): the divergence falls inside one
%! lastwarn ('');
%! a = mlp_train (m0, x, y, 'Steps', 500, opts{:});
%! [~, id] = lastwarn ();
%! assert (id, 'hlnn:train:diverged');
%! k = a.history.diverged_at;
%! printf ('  lr 1e4 (sgd): diverged after %d of 500 steps\n', k);
%! assert (k, a.opt.step);
%! assert (k > 1 && k < 500);
%! assert (all (cellfun (@(w) all (isfinite (w(:))), [a.W; a.b])));
%! assert (isfinite (hlnn_loss_mex (a, x, y)));
%! assert (all (isfinite (a.history.loss)));
%! assert (isequal (a.history.step, (1:k)'));
%! % the last finite model is exactly the model after k steps
%! lastwarn ('');
%! c = mlp_train (m0, x, y, 'Steps', k, opts{:});
%! [~, id] = lastwarn ();
%! assert (isempty (id));
%! assert (isequal (a.W, c.W) && isequal (a.b, c.b) && isequal (a.opt, c.opt));
%! % continuing from it diverges at the same place: update k+1 is taken,
%! % the loss after it is not finite, so the model of step k comes back
%! d = mlp_train (c, x, y, 'Steps', 2, opts{:});
%! assert (d.history.diverged_at, k);
%! assert (isequal (d.W, c.W));

%!test
%! % one-step chunks: the non-finite loss shows at the first step of a
%! % chunk, and the loop replays the previous chunk but its last step
%! a = mlp_train (m0, x, y, 'Steps', 500, opts{:});
%! cfg = struct ('steps', 1, 'batch', 64, 'lr', 1e4, 'optimizer', 'sgd', ...
%!               'beta1', 0.9, 'beta2', 0.999, 'eps', 1e-8, 'momentum', 0, ...
%!               'weight_decay', 0, 'clip_norm', 0, 'seed', 0);
%! m = m0;
%! status = 'ok';
%! while (strcmp (status, 'ok'))
%!   [m, ~, info] = hlnn_train_mex (m, x, y, cfg);
%!   status = info.status;
%! end
%! assert (status, 'diverged_at_start');   % so the replay path is taken below
%! lastwarn ('');
%! b = mlp_train (m0, x, y, 'Steps', 500, opts{:}, 'ChunkSeconds', 0);
%! [~, id] = lastwarn ();
%! assert (id, 'hlnn:train:diverged');
%! assert (b.history.diverged_at, a.history.diverged_at);
%! assert (isequal (a.W, b.W) && isequal (a.b, b.b) && isequal (a.opt, b.opt));
%! assert (isequal (a.history.step, (1:a.history.diverged_at)'));
%! assert (isequal (b.history.step, a.history.step));
%! assert (isequal (b.history.loss, a.history.loss));

%!test
%! % a model whose loss is already non-finite is returned unchanged
%! m = m0;
%! m.W{2}(:) = 1e200;
%! lastwarn ('');
%! b = mlp_train (m, x, y, 'Steps', 10, opts{:});
%! [~, id] = lastwarn ();
%! assert (id, 'hlnn:train:diverged');
%! assert (b.history.diverged_at, 0);
%! assert (isequal (b.W, m.W) && b.opt.step == 0 && isempty (b.history.loss));

%!test
%! % adam with an absurd rate does not overflow; it must not be flagged
%! lastwarn ('');
%! a = mlp_train (m0, x, y, 'Steps', 50, 'LearningRate', 1e6, 'Verbose', false);
%! [~, id] = lastwarn ();
%! if (isempty (a.history.diverged_at))
%!   assert (isempty (id));
%!   assert (a.opt.step, 50);
%! else
%!   assert (id, 'hlnn:train:diverged');
%! end

%!function check_kind (m0, train, data, lr)
%!  % absurd SGD rate: a warning, the model of step diverged_at, no more
%!  % (no clipping: lnn_train clips at 100 by default, which tames the rate)
%!  opts = {'Optimizer', 'sgd', 'LearningRate', lr, 'ClipNorm', 0, 'Verbose', false};
%!  lastwarn ('');
%!  a = train (m0, data{:}, 'Steps', 300, opts{:});
%!  [~, id] = lastwarn ();
%!  assert (id, 'hlnn:train:diverged');
%!  k = a.history.diverged_at;
%!  printf ('  %s, sgd rate %g: diverged after %d of 300 steps\n', m0.kind, lr, k);
%!  assert (k == a.opt.step && k > 1 && k < 300);
%!  assert (isequal (a.history.step, (1:k)'));
%!  assert (all (cellfun (@(w) all (isfinite (w(:))), [a.W(:); a.b(:)])));
%!  lastwarn ('');
%!  c = train (m0, data{:}, 'Steps', k, opts{:});
%!  [~, id] = lastwarn ();
%!  assert (isempty (id));
%!  assert (isequal (a.W, c.W) && isequal (a.b, c.b) && isequal (a.opt, c.opt));
%!  b = train (m0, data{:}, 'Steps', 300, opts{:}, 'ChunkSeconds', 0);
%!  assert (isequal (a.W, b.W) && isequal (a.opt, b.opt) && isequal (a.history.loss, b.history.loss));
%!endfunction

%!testif ; hlnn_test_have ('hnn')
%! q = linspace (-2, 2, 64)';
%! X = [q, cos(q)];
%! % (with tanh, H saturates and even a rate of 1e4 cannot overflow it)
%! check_kind (hnn_create (1, [16 16], 'Seed', 1, 'Activation', 'softplus'), ...
%!             @hnn_train, {X, [X(:, 2), -X(:, 1)]}, 10);

%!testif ; hlnn_test_have ('lnn')
%! q = linspace (-2, 2, 64)';
%! check_kind (lnn_create (1, [16 16], 'Seed', 1), @lnn_train, {q, cos(q), -sin(q)}, 0.3);
