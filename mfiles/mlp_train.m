% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{model} =} mlp_train (@var{model}, @var{X}, @var{Y})
% @deftypefnx {hlnn} {@var{model} =} mlp_train (@var{model}, @var{X}, @var{Y}, @var{name}, @var{value}, @dots{})
% Train an MLP on rows @var{X} (N x inputs) to targets @var{Y}
% (N x outputs) by minimising the mean squared error.
%
% Training runs in C, in chunks of steps that take about a quarter of a
% second, between which a progress line is printed.  The returned model
% holds the optimizer state and the step counter, so calling
% @code{mlp_train} again on it continues exactly (bit for bit) as one
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
% L2 for adam/sgd (as PyTorch), decoupled for adamw
% @item @qcode{'Beta1'}, @qcode{'Beta2'}, @qcode{'Epsilon'}, @qcode{'Momentum'}
% Adam's moment decay rates and epsilon (defaults 0.9, 0.999, 1e-8)
% and SGD's momentum (default 0)
% @item @qcode{'ClipNorm'}
% clip the gradient's 2-norm (0 = off)
% @item @qcode{'Seed'}
% minibatch seed (default: the model's)
% @item @qcode{'Validation'}
% @code{@{Xval, Yval@}}: the validation loss, recorded in
% @code{model.history.val_loss} and printed with the progress
% @item @qcode{'ValidateEvery'}
% validate where the model's step count is a multiple of this, and after
% the last step (default 0: after every chunk, whose length follows the
% machine's speed); needs @qcode{'Validation'}
% @item @qcode{'KeepBest'}
% return the model at this call's validation point of the lowest
% validation loss (the last step's included), as it was then: weights,
% optimizer state and history, so that training it again continues from
% there; also when training diverges (@code{history.diverged_at} still
% tells where) or the time budget runs out.  Needs @qcode{'Validation'}
% and @qcode{'ValidateEvery'} (default false).  With minibatches at a
% fixed learning rate the loss keeps jumping, and the last step is
% not the best one.  Periodic checkpoints hold the current model, the
% final one the kept model
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
% @code{model.history.diverged_at} records the step.
%
% @seealso{mlp_create, mlp_predict, hnn_train, lnn_train}
% @end deftypefn
function model = mlp_train (model, X, Y, varargin)
  hlnn_check_nargin (nargin, 3, Inf, 'mlp_train');
  hlnn_check_model (model, 'mlp', 'mlp_train');
  hlnn_check_data (X, 'X', model.sizes(1), [], 'mlp', 'mlp_train');
  hlnn_check_data (Y, 'Y', model.sizes(end), size (X, 1), 'mlp', 'mlp_train');
  opts = hlnn_options (hlnn_train_defaults (), 'train', 'mlp_train', varargin);
  if (~isempty (opts.Validation))
    if (~iscell (opts.Validation) || numel (opts.Validation) ~= 2)
      error ('hlnn:train:option', 'mlp_train: Validation must be a cell {Xval, Yval}');
    end
    hlnn_check_data (opts.Validation{1}, 'Validation{1}', model.sizes(1), [], 'mlp', 'mlp_train');
    hlnn_check_data (opts.Validation{2}, 'Validation{2}', model.sizes(end), ...
                     size (opts.Validation{1}, 1), 'mlp', 'mlp_train');
  end
  model = hlnn_train_loop (model, X, Y, opts, 'mlp_train');
end

%!shared x, y
%! x = linspace (-pi, pi, 64)';
%! y = sin (x);

%!test
%! m = mlp_create ([1 16 1], 'Seed', 1);
%! m1 = mlp_train (m, x, y, 'Steps', 300, 'LearningRate', 1e-2, 'Verbose', false);
%! assert (m1.opt.step, 300);
%! assert (numel (m1.history.loss), 300);
%! assert (m1.history.loss(end) < m1.history.loss(1) / 10);

%!test
%! % resuming is bit-identical to an uninterrupted run, minibatches included
%! m = mlp_create ([1 8 1], 'Seed', 2);
%! a = mlp_train (m, x, y, 'Steps', 40, 'Batch', 16, 'Verbose', false);
%! b = mlp_train (m, x, y, 'Steps', 15, 'Batch', 16, 'Verbose', false);
%! b = mlp_train (b, x, y, 'Steps', 25, 'Batch', 16, 'Verbose', false);
%! assert (isequal (a.W, b.W) && isequal (a.b, b.b) && isequal (a.opt, b.opt));
%! assert (isequal (a.history.loss, b.history.loss));

%!test
%! m = mlp_create ([1 8 1], 'Seed', 2);
%! m = mlp_train (m, x, y, 'Steps', 5, 'Validation', {x, y}, 'Verbose', false);
%! assert (numel (m.history.val_loss) >= 1);

%!warning <non-finite loss>
%! m = mlp_create ([1 8 1], 'Seed', 2);
%! m = mlp_train (m, x, y * 1e3, 'Steps', 200, 'Optimizer', 'sgd', 'LearningRate', 1e6, 'Verbose', false);
%! assert (all (isfinite (m.W{1}(:))));

%!test
%! % a run that diverges keeps the best of the finite models before it
%! m = mlp_create ([1 8 1], 'Seed', 2);
%! o = {'Steps', 200, 'Optimizer', 'sgd', 'LearningRate', 1e6, 'Verbose', false, ...
%!      'Validation', {x, y * 1e3}, 'ValidateEvery', 1};
%! warning ('off', 'hlnn:train:diverged', 'local');
%! a = mlp_train (m, x, y * 1e3, o{:});
%! b = mlp_train (m, x, y * 1e3, o{:}, 'KeepBest', true);
%! assert (a.history.diverged_at < 200);
%! [lo, i] = min (a.history.val_loss);
%! assert (b.opt.step, a.history.val_step(i));
%! assert (b.history.val_loss(end), lo);
%! assert (all (isfinite (b.W{1}(:))));

%!error <X must have 1 columns> mlp_train (mlp_create ([1 4 1]), [x x], y)
%!error <Y must have 64 rows> mlp_train (mlp_create ([1 4 1]), x, y(1:10))
%!error <unknown option> mlp_train (mlp_create ([1 4 1]), x, y, 'Stpes', 3)
%!error <kind 'mlp'> mlp_train (struct ('kind', 'hnn'), x, y)
%!error <LearningRate> mlp_train (mlp_create ([1 4 1]), x, y, 'LearningRate', -1)
%!error <finite> mlp_train (mlp_create ([1 4 1]), [x(1:end-1); NaN], y)

%!demo
%! x = linspace (-pi, pi, 200)';
%! model = mlp_create ([1 32 32 1], 'Seed', 1);
%! model = mlp_train (model, x, sin (x), 'Steps', 2000, 'LearningRate', 3e-3);
%! semilogy (model.history.step, model.history.loss); xlabel ('step'); ylabel ('loss');
