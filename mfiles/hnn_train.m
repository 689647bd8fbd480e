% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{model} =} hnn_train (@var{model}, @var{X}, @var{dX})
% @deftypefnx {hlnn} {@var{model} =} hnn_train (@var{model}, @var{X}, @var{dX}, @var{name}, @var{value}, @dots{})
% Train a Hamiltonian neural network on states @var{X} (N x 2n, rows
% @code{[q p]}) and their time derivatives @var{dX} (N x 2n, rows
% @code{[dq/dt dp/dt]}).
%
% The loss is the mean over samples and the 2n components of the squared
% difference between the network's field and @var{dX} (weighted by
% @code{model.loss_weights}).  Its gradient with respect to the weights
% (and the learned dissipation parameter, if any) is exact: the field is
% itself a gradient of H, and the C core differentiates through it by a
% second reverse sweep, without finite differences.
%
% Training runs in C, in chunks of steps that take about a quarter of a
% second, between which a progress line is printed.  The returned model
% holds the optimizer state and the step counter, so calling
% @code{hnn_train} again on it continues exactly (bit for bit) as one
% uninterrupted run would.
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'Steps'}
% optimizer steps to take now (default 1000)
% @item @qcode{'LearningRate'}
% (default 1e-3)
% @item @qcode{'Batch'}
% minibatch size; @code{Inf} = full batch (default)
% @item @qcode{'Optimizer'}
% @qcode{'adam'} (default), @qcode{'adamw'}, @qcode{'sgd'}
% @item @qcode{'WeightDecay'}
% L2 for adam/sgd (as PyTorch), decoupled for adamw;
% it applies to every parameter, the learned dissipation's @code{rho} included
% @item @qcode{'Beta1'}, @qcode{'Beta2'}, @qcode{'Epsilon'}, @qcode{'Momentum'}
% Adam's moment decay rates and epsilon (defaults 0.9, 0.999, 1e-8)
% and SGD's momentum (default 0)
% @item @qcode{'ClipNorm'}
% clip the gradient's 2-norm (0 = off)
% @item @qcode{'Seed'}
% minibatch seed (default: the model's)
% @item @qcode{'Validation'}
% @code{@{Xval, dXval@}}: the validation loss, recorded in
% @code{model.history.val_loss} and printed with the progress
% @item @qcode{'ValidateEvery'}, @qcode{'KeepBest'}
% validate where the step count is a multiple of it; return the model of
% the lowest validation loss among those points (see @code{mlp_train})
% @item @qcode{'Verbose'}
% progress lines (default true)
% @item @qcode{'TimeBudget'}
% stop after this many seconds (default Inf)
% @item @qcode{'Checkpoint'}
% file to save the model to, atomically
% @item @qcode{'CheckpointEvery'}
% seconds between checkpoints (default 60)
% @end table
%
% A non-finite loss stops training with warning @code{hlnn:train:diverged};
% the returned model is the last one whose loss was finite (with
% @qcode{'KeepBest'}, the kept one) and
% @code{model.history.diverged_at} records the step.  With learned
% dissipation, @code{model.gamma} reports the trained rate.
%
% @seealso{hnn_create, hnn_field, hnn_energy, mlp_train}
% @end deftypefn
function model = hnn_train (model, X, dX, varargin)
  hlnn_check_nargin (nargin, 3, Inf, 'hnn_train');
  hlnn_check_model (model, 'hnn', 'hnn_train');
  d = 2 * model.n;
  hlnn_check_data (X, 'X', d, [], 'hnn', 'hnn_train');
  hlnn_check_data (dX, 'dX', d, size (X, 1), 'hnn', 'hnn_train');
  opts = hlnn_options (hlnn_train_defaults (), 'train', 'hnn_train', varargin);
  if (~isempty (opts.Validation))
    if (~iscell (opts.Validation) || numel (opts.Validation) ~= 2)
      error ('hlnn:train:option', 'hnn_train: Validation must be a cell {Xval, dXval}');
    end
    hlnn_check_data (opts.Validation{1}, 'Validation{1}', d, [], 'hnn', 'hnn_train');
    hlnn_check_data (opts.Validation{2}, 'Validation{2}', d, ...
                     size (opts.Validation{1}, 1), 'hnn', 'hnn_train');
  end
  model = hlnn_train_loop (model, X, dX, opts, 'hnn_train');
end

%!shared X, dX, Xv, dXv
%! % harmonic oscillator H = (q^2 + p^2)/2 on a grid, and off-grid validation
%! [q, p] = meshgrid (linspace (-1, 1, 8));
%! X = [q(:) p(:)];
%! dX = [X(:,2), -X(:,1)];
%! Xv = 0.9 * [cos((1:20)') sin((1:20)')];
%! dXv = [Xv(:,2), -Xv(:,1)];

%!test
%! m = hnn_create (1, [16 16], 'Seed', 1);
%! m1 = hnn_train (m, X, dX, 'Steps', 300, 'LearningRate', 1e-2, 'Verbose', false, ...
%!                 'Validation', {Xv, dXv});
%! assert (m1.opt.step, 300);
%! assert (numel (m1.history.loss), 300);
%! assert (m1.history.loss(end) < m1.history.loss(1) / 20);
%! assert (m1.history.val_loss(end) < m1.history.loss(1) / 20);

%!test
%! % resuming is bit-identical to an uninterrupted run, minibatches included
%! m = hnn_create (1, [8 8], 'Seed', 2, 'Dissipation', 'learned');
%! a = hnn_train (m, X, dX, 'Steps', 40, 'Batch', 16, 'Verbose', false);
%! b = hnn_train (m, X, dX, 'Steps', 15, 'Batch', 16, 'Verbose', false);
%! b = hnn_train (b, X, dX, 'Steps', 25, 'Batch', 16, 'Verbose', false);
%! assert (isequal (a.W, b.W) && isequal (a.b, b.b) && isequal (a.opt, b.opt));
%! assert (isequal (a.rho, b.rho) && isequal (a.gamma, b.gamma));
%! assert (isequal (a.history.loss, b.history.loss));

%!test
%! % with two threads each batch's rows are shared between them (split.h;
%! % X's 64 rows make two parts of 32, the least that is split): the same
%! % training to rounding, and the thread count is left as it was
%! s0 = hlnn ();
%! m = hnn_create (1, [16 16], 'Seed', 4, 'Dissipation', 'learned');
%! unwind_protect
%!   s1 = hlnn (1);
%!   a = hnn_train (m, X, dX, 'Steps', 50, 'Verbose', false);
%!   s2 = hlnn (2);
%!   b = hnn_train (m, X, dX, 'Steps', 50, 'Verbose', false);
%!   s = hlnn ();
%! unwind_protect_cleanup
%!   s0 = hlnn (s0.threads);
%! end_unwind_protect
%! assert (s.threads, s2.threads);
%! if (strncmp (s0.blas, 'OpenBLAS', 8))
%!   assert (s2.threads, 2);   % else the run was not split: gslcblas
%! end
%! assert (b.history.loss, a.history.loss, 1e-12 * a.history.loss(1));
%! assert (b.W{1}, a.W{1}, 1e-10 * max (abs (a.W{1}(:))));
%! assert (b.rho, a.rho, 1e-10 * abs (a.rho));

%!test
%! % a damped oscillator: the learned rate comes out at the true 0.3
%! dXd = [X(:,2), -X(:,1) - 0.3 * X(:,2)];
%! m = hnn_create (1, 16, 'Seed', 3, 'Dissipation', 'learned', 'Gamma', 1);
%! m = hnn_train (m, X, dXd, 'Steps', 1500, 'LearningRate', 1e-2, 'Verbose', false);
%! assert (m.gamma, log1p (exp (m.rho)), 1e-15);
%! assert (abs (m.gamma - 0.3) < 0.01);

%!warning <non-finite loss>
%! % softplus is unbounded: SGD with a huge step overflows within a few steps
%! m = hnn_create (1, [8 8], 'Seed', 2, 'Activation', 'softplus');
%! m = hnn_train (m, X, dX * 1e3, 'Steps', 200, 'Optimizer', 'sgd', 'LearningRate', 1e2, 'Verbose', false);
%! assert (all (isfinite (m.W{1}(:))) && all (isfinite (m.history.loss)));
%! assert (m.history.diverged_at, m.opt.step);
%! assert (m.opt.step > 0 && m.opt.step < 200);

%!test
%! % KeepBest returns the model of the lowest validation loss among the
%! % points ValidateEvery sets, bit for bit the run stopped at that step
%! m = hnn_create (1, [8 8], 'Seed', 4);
%! o = {'Batch', 8, 'LearningRate', 0.1, 'Verbose', false, ...
%!      'Validation', {Xv, dXv}, 'ValidateEvery', 10, 'ChunkSeconds', 0};
%! a = hnn_train (m, X, dX, 'Steps', 100, o{:});
%! assert (a.history.val_step, (10:10:100)');
%! [lo, i] = min (a.history.val_loss);
%! assert (i < 10);   % else this run cannot tell KeepBest from the last step
%! b = hnn_train (m, X, dX, 'Steps', 100, o{:}, 'KeepBest', true);
%! assert (b.opt.step, 10 * i);
%! assert (b.history.val_loss(end), lo);
%! c = hnn_train (m, X, dX, 'Steps', 10 * i, o{:});
%! assert (isequal (b.W, c.W) && isequal (b.b, c.b) && isequal (b.opt, c.opt));
%! assert (isequal (b.history.loss, c.history.loss));
%! assert (b.history.time_step(end), b.opt.step);

%!test
%! % validation points follow the step count, so a resumed run has the
%! % uninterrupted run's
%! m = hnn_create (1, [8 8], 'Seed', 4);
%! o = {'Batch', 8, 'Verbose', false, 'Validation', {Xv, dXv}, 'ValidateEvery', 10};
%! a = hnn_train (m, X, dX, 'Steps', 50, o{:});
%! b = hnn_train (m, X, dX, 'Steps', 25, o{:});
%! b = hnn_train (b, X, dX, 'Steps', 25, o{:});
%! assert (a.history.val_step, (10:10:50)');
%! assert (b.history.val_step, [10 20 25 30 40 50]');   % 25: the first call's last step
%! assert (isequal (a.history.val_loss, b.history.val_loss([1 2 4 5 6])));

%!error <ValidateEvery needs a Validation set> hnn_train (hnn_create (1, 4), X, dX, 'KeepBest', true, 'ValidateEvery', 5)
%!error <KeepBest needs a Validation set> hnn_train (hnn_create (1, 4), X, dX, 'KeepBest', true)
%!error <and ValidateEvery> hnn_train (hnn_create (1, 4), X, dX, 'KeepBest', true, 'Validation', {Xv, dXv})
%!error <ValidateEvery must be a non-negative integer> hnn_train (hnn_create (1, 4), X, dX, 'ValidateEvery', 2.5)
%!error <KeepBest must be true or false> hnn_train (hnn_create (1, 4), X, dX, 'KeepBest', 'yes')
%!error <X must have 2 columns> hnn_train (hnn_create (1, 4), [X X], dX)
%!error <dX must have 64 rows> hnn_train (hnn_create (1, 4), X, dX(1:10, :))
%!error <unknown option> hnn_train (hnn_create (1, 4), X, dX, 'Stpes', 3)
%!error <kind 'hnn'> hnn_train (mlp_create ([2 4 2]), X, dX)
%!error <LearningRate> hnn_train (hnn_create (1, 4), X, dX, 'LearningRate', -1)
%!error <finite> hnn_train (hnn_create (1, 4), [X(1:end-1, :); NaN 0], dX)
%!error <Invalid call> hnn_train (hnn_create (1, 4), X)

%!demo
%! [q, p] = meshgrid (linspace (-1, 1, 16));
%! X = [q(:) p(:)];
%! model = hnn_create (1, [32 32], 'Seed', 1);
%! model = hnn_train (model, X, [X(:,2), -X(:,1)], 'Steps', 1000, 'LearningRate', 3e-3);
%! semilogy (model.history.step, model.history.loss); xlabel ('step'); ylabel ('loss');
