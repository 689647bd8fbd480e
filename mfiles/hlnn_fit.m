% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{r} =} hlnn_fit (@var{model}, @var{data})
% @deftypefnx {hlnn} {@var{r} =} hlnn_fit (@var{model}, @var{data}, @var{name}, @var{value}, @dots{})
% Train one model of any kind and evaluate it: the unit of work of
% @code{hlnn_ensemble} and @code{hlnn_sweep}, also usable alone (e.g.
% inside your own @code{parcellfun} call).
%
% @var{model} comes from @code{mlp_create}, @code{hnn_create},
% @code{lnn_create} (any @code{kind}).  @var{data} is either a cell array
% of the training arguments that follow the model in the kind's trainer,
% e.g. @code{@{X, Y@}} for @code{mlp_train}, @code{@{X, dX@}} for
% @code{hnn_train}, @code{@{Q, Qd, Qdd@}} for @code{lnn_train}; or a
% struct with that cell array as field @code{train} and, optionally, a
% cell array @code{eval} of the arguments that follow the model in the
% prediction and energy functions (@code{@{X@}} for MLP and HNN,
% @code{@{Q, Qd@}} for LNN).
%
% The result @var{r} is a struct with fields
% @table @code
% @item model
% the trained model
% @item loss
% final training loss
% @item val_loss
% last validation loss (NaN without validation data)
% @item steps
% optimizer steps taken in total (@code{model.opt.step})
% @item seconds
% wall time of the training
% @item diverged
% true if training stopped on a non-finite loss
% @item pred
% prediction on @code{data.eval} (empty without it)
% @item energy
% energy on @code{data.eval} (empty without it or for MLPs)
% @end table
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'TrainOptions'}
% options of the trainer, as a cell array of name/value pairs or a struct
% (default none: the trainer's defaults).
% @item @qcode{'Train'}
% trainer, a function handle called as @code{train (model, data.train@{:@},
% options@{:@})}; default by kind: @code{mlp_train}, @code{hnn_train},
% @code{lnn_train}.
% @item @qcode{'Predict'}
% called as @code{predict (model, data.eval@{:@})}; default by kind:
% @code{mlp_predict}, @code{hnn_field}, @code{lnn_accel}.  A rollout gives
% ensemble forecasts, e.g.
% @code{@@(m, X0) hlnn_rollout (m, X0, t)}.  @code{[]} turns it off.
% @item @qcode{'Energy'}
% called as @code{energy (model, data.eval@{:@})}; default by kind:
% none for MLPs, @code{hnn_energy}, @code{lnn_energy}.  @code{[]} turns
% it off.
% @item @qcode{'Threads'}
% BLAS threads during this fit, restored afterwards (default: unchanged).
% Independent fits running side by side want 1 each.
% @end table
%
% Example:
% @example
% x = linspace (-pi, pi, 100)';
% data = struct ('train', @{@{x, sin(x)@}@}, 'eval', @{@{[0; 1]@}@});
% r = hlnn_fit (mlp_create ([1 16 1], 'Seed', 1), data, ...
%               'TrainOptions', @{'Steps', 500, 'Verbose', false@});
% r.pred                               % close to sin ([0; 1])
% @end example
% @seealso{hlnn_ensemble, hlnn_sweep, mlp_train, hnn_train, lnn_train}
% @end deftypefn
function r = hlnn_fit (model, data, varargin)
  hlnn_check_nargin (nargin, 2, Inf, 'hlnn_fit');
  opts = hlnn_options (struct ('TrainOptions', {{}}, 'Train', 'auto', ...
                               'Predict', 'auto', 'Energy', 'auto', 'Threads', []), ...
                       'fit', 'hlnn_fit', varargin);
  if (~isstruct (model) || ~isscalar (model) || ~isfield (model, 'kind') ...
      || ~ischar (model.kind))
    error ('hlnn:fit:model', 'hlnn_fit: MODEL must be a model struct with a kind');
  end
  [train_args, eval_args] = hlnn_fit_data (data, 'hlnn_fit');
  kind = model.kind;
  train = pick (opts.Train, kind, {'mlp', 'mlp_train'; 'hnn', 'hnn_train'; 'lnn', 'lnn_train'}, ...
                'Train', true);
  predict = [];
  energy = [];
  if (~isempty (eval_args))
    predict = pick (opts.Predict, kind, {'mlp', 'mlp_predict'; 'hnn', 'hnn_field'; ...
                                         'lnn', 'lnn_accel'}, 'Predict', false);
    energy = pick (opts.Energy, kind, {'hnn', 'hnn_energy'; 'lnn', 'lnn_energy'}, ...
                   'Energy', false);
  end
  topts = opts.TrainOptions;
  if (isstruct (topts) && isscalar (topts))
    topts = {topts};
  elseif (~iscell (topts))
    error ('hlnn:fit:option', 'hlnn_fit: TrainOptions must be a cell array of name/value pairs or a struct');
  end
  threads = opts.Threads;
  if (~isempty (threads))
    if (~isnumeric (threads) || ~isscalar (threads) || threads < 1 || threads ~= fix (threads))
      error ('hlnn:fit:option', 'hlnn_fit: Threads must be a positive integer');
    end
    before = hlnn_info_mex ();
    hlnn_info_mex (threads);
    restore = onCleanup (@() hlnn_info_mex (before.threads));
  end

  t0 = tic ();
  model = train (model, train_args{:}, topts{:});
  seconds = toc (t0);
  h = model.history;
  r = struct ('model', model, 'loss', last_or_nan (h.loss), ...
              'val_loss', last_or_nan (h.val_loss), 'steps', model.opt.step, ...
              'seconds', seconds, 'diverged', ~isempty (h.diverged_at), ...
              'pred', [], 'energy', []);
  if (~isempty (predict))
    r.pred = predict (model, eval_args{:});
  end
  if (~isempty (energy))
    r.energy = energy (model, eval_args{:});
  end
end

function f = pick (given, kind, table, name, required)
  % a function handle given by the user, [] for none, or the kind's default
  if (isa (given, 'function_handle') || (isempty (given) && ~required))
    f = given;
    return;
  end
  if (~(ischar (given) && strcmp (given, 'auto')))
    if (required)
      error ('hlnn:fit:option', 'hlnn_fit: %s must be a function handle', name);
    end
    error ('hlnn:fit:option', 'hlnn_fit: %s must be a function handle or []', name);
  end
  f = [];
  row = find (strcmp (table(:, 1), kind));
  if (isempty (row))
    if (required)
      error ('hlnn:fit:kind', 'hlnn_fit: no default %s for models of kind ''%s''; pass ''%s''', ...
             name, kind, name);
    end
    return;
  end
  fname = table{row, 2};
  if (~exist (fname, 'file'))
    error ('hlnn:fit:kind', 'hlnn_fit: %s (the default %s for kind ''%s'') is not available; pass ''%s''', ...
           fname, name, kind, name);
  end
  f = str2func (fname);
end

function v = last_or_nan (x)
  if (isempty (x))
    v = NaN;
  else
    v = x(end);
  end
end

%!shared x, data
%! x = linspace (-pi, pi, 64)';
%! data = struct ('train', {{x, sin(x)}}, 'eval', {{[0; 1]}});

%!test
%! % the same as calling the trainer and the predictor directly
%! m = mlp_create ([1 8 1], 'Seed', 3);
%! r = hlnn_fit (m, data, 'TrainOptions', {'Steps', 50, 'Verbose', false});
%! m2 = mlp_train (m, x, sin (x), 'Steps', 50, 'Verbose', false);
%! assert (isequal (r.model.W, m2.W) && isequal (r.model.b, m2.b));
%! assert (r.loss, m2.history.loss(end));
%! assert (r.steps, 50);
%! assert (isnan (r.val_loss) && ~r.diverged && isempty (r.energy));
%! assert (r.pred, mlp_predict (m2, [0; 1]));
%! assert (r.seconds > 0);

%!test
%! % cell data, struct options, own predictor and energy, threads restored
%! before = hlnn ();
%! r = hlnn_fit (mlp_create ([1 4 1]), {x, x}, 'TrainOptions', struct ('Steps', 3, 'Verbose', false), ...
%!               'Predict', @(m, X) 2 * mlp_predict (m, X), 'Threads', 1);
%! assert (isempty (r.pred) && isempty (r.energy));   % no eval data: nothing evaluated
%! d = struct ('train', {{x, x}}, 'eval', {{x}});
%! r = hlnn_fit (mlp_create ([1 4 1]), d, 'TrainOptions', {'Steps', 3, 'Verbose', false}, ...
%!               'Predict', [], 'Energy', @(m, X) sum (X), 'Threads', 1);
%! assert (isempty (r.pred));
%! assert (r.energy, sum (x));
%! assert (hlnn ().threads, before.threads);

%!error <MODEL must be a model struct> hlnn_fit (3, {1, 1})
%!error <no default Train for models of kind 'toy'> hlnn_fit (struct ('kind', 'toy'), {1, 1})
%!error <DATA must be> hlnn_fit (mlp_create ([1 2 1]), 3)
%!error <Predict must be a function handle> hlnn_fit (mlp_create ([1 2 1]), data, 'Predict', 'mlp_predict')
%!error <Threads must be a positive integer> hlnn_fit (mlp_create ([1 2 1]), data, 'Threads', 0)
%!error <unknown option 'Steps'> hlnn_fit (mlp_create ([1 2 1]), data, 'Steps', 3)
%!error <Invalid call> hlnn_fit (mlp_create ([1 2 1]))

%!demo
%! x = linspace (-pi, pi, 100)';
%! data = struct ('train', {{x, sin(x)}}, 'eval', {{[0; pi/2]}});
%! r = hlnn_fit (mlp_create ([1 16 1], 'Seed', 1), data, ...
%!               'TrainOptions', {'Steps', 1000, 'LearningRate', 1e-2, 'Verbose', false});
%! fprintf ('loss %.2e after %d steps in %.2f s; f(0) = %.4f, f(pi/2) = %.4f\n', ...
%!          r.loss, r.steps, r.seconds, r.pred);
