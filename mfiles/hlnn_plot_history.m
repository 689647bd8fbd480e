% -*- texinfo -*-
% @deftypefn  {hlnn} {} hlnn_plot_history (@var{model})
% @deftypefnx {hlnn} {} hlnn_plot_history (@var{models}, @var{name}, @var{value}, @dots{})
% @deftypefnx {hlnn} {@var{ax} =} hlnn_plot_history (@dots{})
% Training curves: loss (solid) and validation loss (dashed, same colour)
% against the optimizer step, on a logarithmic loss axis.
%
% @var{model} is a trained model of any kind (its @code{history} field is
% used); several models are given as a struct array, a cell array, or the
% result array of @code{hlnn_ensemble} / @code{hlnn_sweep} (its
% @code{model} field).  Histories longer than 5000 steps are drawn
% through 5000 evenly spaced steps (the last one included).
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'Names'}
% legend entries, one per model
% @item @qcode{'Title'}
% title of the axes
% @item @qcode{'File'}
% write the figure to this PNG file; the figure
% is then drawn invisibly (works headless with the gnuplot toolkit) and
% closed
% @item @qcode{'Resolution'}
% dots per inch of the PNG (default 100)
% @item @qcode{'Axes'}
% draw into these axes instead of a new figure
% @end table
%
% Example:
% @example
% x = linspace (-pi, pi, 100)';
% m = mlp_train (mlp_create ([1 16 1]), x, sin (x), 'Steps', 500, ...
%                'Validation', @{x, sin(x)@}, 'Verbose', false);
% hlnn_plot_history (m, 'File', 'history.png');
% @end example
% @seealso{hlnn_plot_phase, hlnn_plot_energy, mlp_train, hlnn_ensemble}
% @end deftypefn
function ax_out = hlnn_plot_history (models, varargin)
  hlnn_check_nargin (nargin, 1, Inf, 'hlnn_plot_history');
  opts = hlnn_plot_options (struct (), 'hlnn_plot_history', varargin);
  models = model_list (models);
  if (~isempty (opts.Names) && numel (opts.Names) ~= numel (models))
    error ('hlnn:plot:option', 'hlnn_plot_history: Names must have one entry per model (%d)', ...
           numel (models));
  end

  [ax, fig] = hlnn_plot_axes (opts);
  handles = [];
  names = {};
  for k = 1:numel (models)
    h = models{k}.history;
    if (isempty (h.step))
      continue;                        % not trained yet
    end
    [s, l] = thin (h.step, h.loss);
    hl = plot (ax, s, positive (l), '-');
    handles(end+1) = hl; %#ok<AGROW>
    names{end+1} = label (opts.Names, k, 'training'); %#ok<AGROW>
    if (isfield (h, 'val_loss') && ~isempty (h.val_loss))
      [s, l] = thin (h.val_step, h.val_loss);
      handles(end+1) = plot (ax, s, positive (l), '--', 'color', get (hl, 'color')); %#ok<AGROW>
      names{end+1} = label (opts.Names, k, 'validation'); %#ok<AGROW>
    end
  end
  set (ax, 'yscale', 'log');
  xlabel (ax, 'step');
  ylabel (ax, 'loss');
  if (~isempty (opts.Names) || numel (handles) > 1)
    legend (handles, names);
  end
  hlnn_plot_finish (ax, fig, opts, 'hlnn_plot_history');
  if (nargout > 0)
    ax_out = ax;
  end
end

function c = model_list (m)
  % a model, a struct array or cell of models, or a result array (.model)
  if (isstruct (m) && isfield (m, 'model') && ~isfield (m, 'history'))
    c = {m.model};
  elseif (isstruct (m))
    c = num2cell (m);
  elseif (iscell (m))
    c = m(:)';
  else
    c = {};
  end
  ok = ~isempty (c);
  for k = 1:numel (c)
    ok = ok && isstruct (c{k}) && isfield (c{k}, 'history') && isstruct (c{k}.history) ...
         && isfield (c{k}.history, 'step') && isfield (c{k}.history, 'loss') ...
         && numel (c{k}.history.step) == numel (c{k}.history.loss);
  end
  if (~ok)
    error ('hlnn:plot:data', ...
           'hlnn_plot_history: MODEL must be a model (with a history), several models, or hlnn_ensemble results');
  end
end

function [s, l] = thin (s, l)
  n = numel (s);
  if (n > 5000)
    keep = unique (round (linspace (1, n, 5000)));
    s = s(keep);
    l = l(keep);
  end
end

function l = positive (l)
  l(~(l > 0)) = NaN;                   % log axis: non-positive or NaN losses are gaps
end

function s = label (names, k, what)
  if (isempty (names))
    s = what;
  else
    s = sprintf ('%s (%s)', names{k}, what);
  end
end

%!shared m
%! x = linspace (-pi, pi, 40)';
%! m = mlp_create ([1 8 1], 'Seed', 1);
%! m = mlp_train (m, x, sin (x), 'Steps', 60, 'Validation', {x, sin(x)}, 'Verbose', false);

%!test
%! f = figure ('visible', 'off');
%! ax = hlnn_plot_history (m, 'Axes', axes ('parent', f));
%! lines = flipud (findobj (ax, 'type', 'line'));
%! assert (numel (lines), 2);
%! assert (get (lines(1), 'xdata')(:), m.history.step);
%! assert (get (lines(1), 'ydata')(:), m.history.loss);
%! assert (get (lines(2), 'ydata')(:), m.history.val_loss);
%! assert (get (lines(2), 'color'), get (lines(1), 'color'));
%! assert (get (ax, 'yscale'), 'log');
%! close (f);

%!test
%! % several models (a cell, and result-array form), long history thinned, PNG
%! m2 = m;
%! m2.history.step = (1:12000)';
%! m2.history.loss = exp (-(1:12000)' / 3000);
%! m2.history.val_loss = [];
%! file = [tempname() '.png'];
%! hlnn_plot_history (struct ('model', {m, m2}), 'Names', {'a', 'b'}, 'File', file);
%! info = dir (file);
%! delete (file);
%! assert (info.bytes > 1000);
%! f = figure ('visible', 'off');
%! ax = hlnn_plot_history ({m, m2}, 'Axes', axes ('parent', f));
%! lines = flipud (findobj (ax, 'type', 'line'));
%! assert (numel (lines), 3);
%! s = get (lines(3), 'xdata');
%! assert (numel (s), 5000);
%! assert ([s(1) s(end)], [1 12000]);
%! close (f);

%!error <MODEL must be a model> hlnn_plot_history (3)
%!error <MODEL must be a model> hlnn_plot_history (struct ('kind', 'mlp'))
%!error <one entry per model> hlnn_plot_history (mlp_create ([1 2 1]), 'Names', {'a', 'b'})
%!error <Invalid call> hlnn_plot_history ()

%!demo
%! x = linspace (-pi, pi, 100)';
%! m = mlp_create ([1 16 1], 'Seed', 1);
%! m = mlp_train (m, x, sin (x), 'Steps', 1500, 'LearningRate', 1e-2, ...
%!                'Validation', {x + 0.01, sin(x + 0.01)}, 'Verbose', false);
%! hlnn_plot_history (m, 'Title', 'MLP on sin(x)');
