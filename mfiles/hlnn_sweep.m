% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{R} =} hlnn_sweep (@var{grid}, @var{make_model}, @var{data})
% @deftypefnx {hlnn} {@var{R} =} hlnn_sweep (@var{grid}, @var{make_model}, @var{data}, @var{name}, @var{value}, @dots{})
% Train one model per point of a parameter grid, in parallel, and gather
% the results into one struct array.
%
% @var{grid} is a struct whose fields list values: a numeric or logical
% vector, or a cell array (of strings, vectors, anything).  The points
% are all combinations, the first field varying fastest; e.g.
% @code{struct ('Seed', 1:3, 'LearningRate', [1e-3 3e-3])} has 6 points.
% A struct @emph{array} is taken as the explicit list of points instead.
% Each point @var{p} is a scalar struct with one value per field:
% @itemize
% @item @code{@var{make_model} (@var{p})} builds its untrained model (any
% kind), e.g. @code{@@(p) mlp_create ([1 p.width 1], 'Seed', p.Seed)};
% @item fields named like a training option (@qcode{'Steps'},
% @qcode{'LearningRate'}, @qcode{'Batch'}, @qcode{'Optimizer'},
% @qcode{'WeightDecay'}, @qcode{'Seed'} (minibatch seed), @dots{}: the
% options common to @code{mlp_train}, @code{hnn_train} and
% @code{lnn_train}, case-insensitive) are also passed to the trainer,
% after @qcode{'TrainOptions'}, so they win.  Other fields only reach
% @var{make_model}.
% @end itemize
% @var{data} is as for @code{hlnn_fit} and shared by all points.
%
% @var{R} has the grid's number of points, with field @code{params} (the
% point) followed by the fields of the result of @code{hlnn_fit}
% (@code{model}, @code{loss}, @code{val_loss}, @code{steps},
% @code{seconds}, @code{diverged}, @code{pred}, @code{energy}).
%
% The points run through octave-parallel exactly as the members of
% @code{hlnn_ensemble} do, which documents the options
% (@qcode{'Workers'}, @qcode{'Cluster'}, @qcode{'ServerSetup'},
% @qcode{'Verbose'}, @qcode{'TrainOptions'}, @qcode{'Train'},
% @qcode{'Predict'}, @qcode{'Energy'}, @qcode{'Threads'}) and how to start
% servers on several machines.
%
% Example:
% @example
% x = linspace (-pi, pi, 100)';
% grid = struct ('width', [8 32], 'LearningRate', [1e-3 1e-2]);
% R = hlnn_sweep (grid, @@(p) mlp_create ([1 p.width 1]), @{x, sin(x)@}, ...
%                 'TrainOptions', @{'Steps', 500@});
% P = [R.params];
% [[P.width]', [P.LearningRate]', [R.loss]']
% @end example
% @seealso{hlnn_ensemble, hlnn_fit, parcellfun, netcellfun}
% @end deftypefn
function R = hlnn_sweep (grid, make_model, data, varargin)
  hlnn_check_nargin (nargin, 3, Inf, 'hlnn_sweep');
  opts = hlnn_options (hlnn_exec_defaults (), 'sweep', 'hlnn_sweep', varargin);
  if (~isa (make_model, 'function_handle'))
    error ('hlnn:sweep:model', 'hlnn_sweep: MAKE_MODEL must be a function handle');
  end
  hlnn_fit_data (data, 'hlnn_sweep');
  P = grid_points (grid);
  base = hlnn_train_pairs (opts.TrainOptions, 'hlnn_sweep');
  names = fieldnames (P);
  train_names = fieldnames (hlnn_train_defaults ());
  n = numel (P);
  models = cell (1, n);
  topts = cell (1, n);
  for k = 1:n
    models{k} = make_model (P(k));
    if (~isstruct (models{k}) || ~isfield (models{k}, 'kind'))
      error ('hlnn:sweep:model', 'hlnn_sweep: MAKE_MODEL did not return a model at point %d', k);
    end
    t = base;
    for j = 1:numel (names)
      hit = find (strcmpi (names{j}, train_names));
      if (~isempty (hit))
        t = [t, train_names(hit), {P(k).(names{j})}]; %#ok<AGROW>
      end
    end
    topts{k} = t;
  end
  R = hlnn_run_fits (models, topts, data, opts, 'hlnn_sweep');
  p = num2cell (P(:)');
  [R.params] = p{:};
  R = orderfields (R, [numel(fieldnames (R)), 1:numel(fieldnames (R))-1]);
end

function P = grid_points (grid)
  if (~isstruct (grid) || isempty (grid) || isempty (fieldnames (grid)))
    error ('hlnn:sweep:grid', 'hlnn_sweep: GRID must be a struct with at least one field');
  end
  if (numel (grid) > 1)
    P = grid(:)';                       % an explicit list of points
    return;
  end
  names = fieldnames (grid);
  vals = cell (1, numel (names));
  for j = 1:numel (names)
    v = grid.(names{j});
    if (iscell (v))
      vals{j} = v(:)';
    elseif ((isnumeric (v) || islogical (v)) && isvector (v))
      vals{j} = num2cell (v(:)');
    else
      vals{j} = {v};                    % a string, struct, handle: one value
    end
    if (isempty (vals{j}))
      error ('hlnn:sweep:grid', 'hlnn_sweep: GRID field %s has no values', names{j});
    end
  end
  sizes = cellfun ('numel', vals);
  n = prod (sizes);
  P = repmat (cell2struct (cell (numel (names), 1), names, 1), 1, n);
  for k = 1:n
    r = k - 1;
    for j = 1:numel (names)
      P(k).(names{j}) = vals{j}{mod (r, sizes(j)) + 1};
      r = floor (r / sizes(j));
    end
  end
end

%!shared x, data
%! x = linspace (-pi, pi, 40)';
%! data = struct ('train', {{x, sin(x)}}, 'eval', {{[0; 1]}});

%!test
%! % grid order (first field fastest), training fields reach the trainer
%! g = struct ('width', [3 5], 'LearningRate', [1e-3 1e-2], 'act', {{'tanh'}});
%! R = hlnn_sweep (g, @(p) mlp_create ([1 p.width 1], 'Activation', p.act, 'Seed', 2), data, ...
%!                 'Workers', 1, 'TrainOptions', {'Steps', 20, 'LearningRate', 99});
%! P = [R.params];
%! assert ([P.width], [3 5 3 5]);
%! assert ([P.LearningRate], [1e-3 1e-3 1e-2 1e-2]);
%! assert (fieldnames (R)(1:2), {'params'; 'model'});
%! assert (size (R(2).model.W{1}), [5 1]);
%! assert (R(3).model.options.train.LearningRate, 1e-2);
%! r = hlnn_fit (mlp_create ([1 5 1], 'Seed', 2), data, 'Threads', 1, ...
%!               'TrainOptions', {'Steps', 20, 'LearningRate', 1e-2, 'Verbose', false});
%! assert (isequal (R(4).model.W, r.model.W) && isequal (R(4).pred, r.pred));

%!test
%! % an explicit list of points; a string-valued field is one value
%! g = struct ('Steps', {3, 5}, 'Optimizer', {'sgd', 'adam'});
%! R = hlnn_sweep (g, @(p) mlp_create ([1 2 1]), data, 'Workers', 1);
%! assert ([R.steps], [3 5]);
%! assert (R(1).model.options.train.Optimizer, 'sgd');
%! R = hlnn_sweep (struct ('Optimizer', 'sgd', 'Steps', 2), @(p) mlp_create ([1 2 1]), data, 'Workers', 1);
%! assert (numel (R), 1);

%!error <GRID must be a struct> hlnn_sweep (3, @(p) mlp_create ([1 2 1]), {1, 1})
%!error <GRID field a has no values> hlnn_sweep (struct ('a', {{}}), @(p) mlp_create ([1 2 1]), {1, 1})
%!error <did not return a model at point 1> hlnn_sweep (struct ('a', 1), @(p) 3, {1, 1})
%!error <MAKE_MODEL must be a function handle> hlnn_sweep (struct ('a', 1), 3, {1, 1})
%!error <unknown option 'Steps'> hlnn_sweep (struct ('a', 1), @(p) mlp_create ([1 2 1]), {1, 1}, 'Steps', 3)
%!error <Cluster must be the connections> hlnn_sweep (struct ('a', 1), @(p) mlp_create ([1 2 1]), {1, 1}, 'Cluster', 3)
%!error <Invalid call> hlnn_sweep (struct ('a', 1), @(p) mlp_create ([1 2 1]))

%!demo
%! x = linspace (-pi, pi, 100)';
%! grid = struct ('width', [4 16 64], 'LearningRate', [1e-3 1e-2]);
%! R = hlnn_sweep (grid, @(p) mlp_create ([1 p.width 1], 'Seed', 1), {x, sin(x)}, ...
%!                 'TrainOptions', {'Steps', 1000});
%! P = [R.params];
%! fprintf ('width  learning rate  final loss  seconds\n');
%! fprintf ('%5d  %13g  %10.3e  %7.2f\n', [[P.width]; [P.LearningRate]; [R.loss]; [R.seconds]]);
