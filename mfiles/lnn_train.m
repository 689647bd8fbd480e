% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{model} =} lnn_train (@var{model}, @var{Q}, @var{Qd}, @var{Qdd})
% @deftypefnx {hlnn} {@var{model} =} lnn_train (@var{model}, @var{Q}, @var{Qd}, @var{Qdd}, @var{name}, @var{value}, @dots{})
% Train a Lagrangian neural network on states @code{[@var{Q} @var{Qd}]}
% (each N x n) and their accelerations @var{Qdd} (N x n).
%
% The loss is the mean squared error of the Euler--Lagrange
% accelerations, averaged over samples and components,
% @code{mean (mean ((lnn_accel (model, Q, Qd) - Qdd).^2))}.  Its gradient
% is exact (an adjoint solve per sample, then one forward pass with first
% and second order tangents and one reverse pass through the network; no
% finite differences), and training runs in C, in chunks of steps that
% take about a quarter of a second, between which a progress line is
% printed.  The returned model holds the optimizer state and the step
% counter, so calling @code{lnn_train} again continues exactly (bit for
% bit) as one uninterrupted run would.
%
% Options (name/value pairs or a struct, case-insensitive): as
% @code{mlp_train} (@qcode{'Steps'}, @qcode{'LearningRate'},
% @qcode{'Batch'}, @qcode{'Optimizer'}, @qcode{'WeightDecay'},
% @qcode{'Beta1'}, @qcode{'Beta2'}, @qcode{'Epsilon'}, @qcode{'Momentum'},
% @qcode{'Seed'}, @qcode{'Verbose'}, @qcode{'TimeBudget'},
% @qcode{'Checkpoint'}, @qcode{'CheckpointEvery'}, @qcode{'ValidateEvery'},
% @qcode{'KeepBest'}), except that
% @qcode{'Validation'} is @code{@{Qv, Qdv, Qddv@}} and @qcode{'ClipNorm'}
% defaults to 1e4 here (0 turns clipping off).  An LNN's first gradients
% can be enormous (norm 1.8e9 measured: a state where the initial
% @code{A} is nearly singular has a huge acceleration); unclipped, they
% inflate Adam's second-moment estimate for thousands of steps and
% training stalls (a 2-64-64-1 pendulum LNN measured: loss 76.6 after 1500
% full-batch steps unclipped, 0.28 clipped at 1e4).  The threshold is far
% above ordinary gradient norms: clipping at 100 instead slowed other
% runs down.
%
% A non-finite loss stops training with warning @code{hlnn:train:diverged};
% the returned model is the last one whose loss was finite and
% @code{model.history.diverged_at} records the step.  A sample whose
% @code{A = d2L/dqdot2} is singular even after the model's regularisation
% (see @code{lnn_create}) has no acceleration, so its loss is not finite
% either and stops training the same way.
%
% @seealso{lnn_create, lnn_accel, mlp_train, hnn_train}
% @end deftypefn
function model = lnn_train (model, Q, Qd, Qdd, varargin)
  hlnn_check_nargin (nargin, 4, Inf, 'lnn_train');
  hlnn_check_model (model, 'lnn', 'lnn_train');
  n = model.n;
  hlnn_check_data (Q, 'Q', n, [], 'lnn', 'lnn_train');
  hlnn_check_data (Qd, 'Qd', n, size (Q, 1), 'lnn', 'lnn_train');
  hlnn_check_data (Qdd, 'Qdd', n, size (Q, 1), 'lnn', 'lnn_train');
  defaults = hlnn_train_defaults ();
  defaults.ClipNorm = 1e4;
  opts = hlnn_options (defaults, 'train', 'lnn_train', varargin);
  if (~isempty (opts.Validation))
    v = opts.Validation;
    if (~iscell (v) || numel (v) ~= 3)
      error ('hlnn:train:option', 'lnn_train: Validation must be a cell {Qv, Qdv, Qddv}');
    end
    hlnn_check_data (v{1}, 'Validation{1}', n, [], 'lnn', 'lnn_train');
    hlnn_check_data (v{2}, 'Validation{2}', n, size (v{1}, 1), 'lnn', 'lnn_train');
    hlnn_check_data (v{3}, 'Validation{3}', n, size (v{1}, 1), 'lnn', 'lnn_train');
    opts.Validation = {[v{1}, v{2}], v{3}};
  end
  model = hlnn_train_loop (model, [Q, Qd], Qdd, opts, 'lnn_train');
end

%!shared q, qd, qdd
%! q = linspace (-pi, pi, 64)';
%! qd = 2 * cos (3 * q);
%! qdd = -9.81 * sin (q);

%!test
%! m = lnn_create (1, [16 16], 'Seed', 1);
%! m1 = lnn_train (m, q, qd, qdd, 'Steps', 200, 'LearningRate', 3e-3, 'Verbose', false);
%! assert (m1.opt.step, 200);
%! assert (numel (m1.history.loss), 200);
%! assert (m1.history.loss(end) < m1.history.loss(1) / 10);

%!test
%! % KeepBest with the LNN's three-part validation set
%! m = lnn_create (1, [16 16], 'Seed', 1);
%! o = {'Batch', 8, 'LearningRate', 3e-2, 'Verbose', false, ...
%!      'Validation', {q, qd, qdd}, 'ValidateEvery', 5};
%! a = lnn_train (m, q, qd, qdd, 'Steps', 55, o{:});
%! [lo, i] = min (a.history.val_loss);
%! assert (i < numel (a.history.val_loss));
%! b = lnn_train (m, q, qd, qdd, 'Steps', 55, o{:}, 'KeepBest', true);
%! assert (b.opt.step, a.history.val_step(i));
%! assert (b.history.val_loss(end), lo);

%!test
%! % resuming is bit-identical to an uninterrupted run, minibatches included
%! m = lnn_create (1, [8 8], 'Seed', 2);
%! a = lnn_train (m, q, qd, qdd, 'Steps', 30, 'Batch', 16, 'Verbose', false);
%! b = lnn_train (m, q, qd, qdd, 'Steps', 12, 'Batch', 16, 'Verbose', false);
%! b = lnn_train (b, q, qd, qdd, 'Steps', 18, 'Batch', 16, 'Verbose', false);
%! assert (isequal (a.W, b.W) && isequal (a.b, b.b) && isequal (a.opt, b.opt));

%!test
%! % the loss minimised is the MSE of lnn_accel
%! m = lnn_create (1, [8 8], 'Seed', 3);
%! m = lnn_train (m, q, qd, qdd, 'Steps', 5, 'Validation', {q, qd, qdd}, 'Verbose', false);
%! assert (m.history.val_loss(end), mean ((lnn_accel (m, q, qd) - qdd).^2), 1e-12 * m.history.val_loss(end));

%!warning <non-finite loss>
%! % an affine-in-qdot Lagrangian: A = 0, no acceleration exists
%! m = lnn_create (1, 4, 'Seed', 1);
%! m.W{2}(:) = 0;
%! m = lnn_train (m, q, qd, qdd, 'Steps', 3, 'Verbose', false);

%!error <Qd must have 64 rows> lnn_train (lnn_create (1, 4), q, qd(1:10), qdd)
%!error <Q must have 1 columns> lnn_train (lnn_create (1, 4), [q q], qd, qdd)
%!error <Validation must be a cell> lnn_train (lnn_create (1, 4), q, qd, qdd, 'Validation', {q, qdd})
%!error <kind 'lnn'> lnn_train (mlp_create ([2 4 1]), q, qd, qdd)
%!error <finite> lnn_train (lnn_create (1, 4), q, [qd(1:end-1); Inf], qdd)
%!error <unknown option> lnn_train (lnn_create (1, 4), q, qd, qdd, 'Stpes', 3)

%!demo
%! q = 2 * pi * rand (512, 1) - pi;  qd = 4 * randn (512, 1);
%! model = lnn_create (1, [64 64], 'Seed', 1);
%! model = lnn_train (model, q, qd, -9.81 * sin (q), 'Steps', 1000, 'LearningRate', 3e-3);
%! semilogy (model.history.step, model.history.loss); xlabel ('step'); ylabel ('acceleration MSE');
