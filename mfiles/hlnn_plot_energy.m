% -*- texinfo -*-
% @deftypefn  {hlnn} {} hlnn_plot_energy (@var{t}, @var{E})
% @deftypefnx {hlnn} {} hlnn_plot_energy (@var{t}, @var{E}, @var{name}, @var{value}, @dots{})
% @deftypefnx {hlnn} {@var{ax} =} hlnn_plot_energy (@dots{})
% Energy against time for one or more series.
%
% @var{t} is a vector of @var{T} times and @var{E} a @var{T} x @var{k}
% matrix, one series per column (e.g. @code{[E_true, E_hnn, E_mlp]}
% along a rollout).  With @qcode{'Drift'}, the relative drift
% @code{|E(t) - E(t_1)| / |E(t_1)|} of each series is drawn on a
% logarithmic axis instead (points where it is exactly zero are left out).
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'Names'}
% legend entries, one per column of @var{E}
% @item @qcode{'Drift'}
% draw the relative drift (default false)
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
% t = linspace (0, 20, 400)';
% hlnn_plot_energy (t, [0.5 + 0*t, 0.5 + 0.01*t], ...
%                   'Names', @{'exact', 'drifting'@}, 'File', 'energy.png');
% @end example
% @seealso{hlnn_plot_phase, hlnn_plot_history}
% @end deftypefn
function ax_out = hlnn_plot_energy (t, E, varargin)
  hlnn_check_nargin (nargin, 2, Inf, 'hlnn_plot_energy');
  opts = hlnn_plot_options (struct ('Drift', false), 'hlnn_plot_energy', varargin);
  if (~isnumeric (t) || ~isreal (t) || ~isvector (t) || isempty (t))
    error ('hlnn:plot:data', 'hlnn_plot_energy: T must be a non-empty real vector of times');
  end
  t = t(:);
  if (~isnumeric (E) || ~isreal (E) || ndims (E) > 2 || size (E, 1) ~= numel (t))
    error ('hlnn:plot:data', ...
           'hlnn_plot_energy: E must be a real matrix with one row per time (%d rows)', numel (t));
  end
  if (~isscalar (opts.Drift) || ~(islogical (opts.Drift) || isnumeric (opts.Drift)))
    error ('hlnn:plot:option', 'hlnn_plot_energy: Drift must be true or false');
  end
  if (~isempty (opts.Names) && numel (opts.Names) ~= size (E, 2))
    error ('hlnn:plot:option', 'hlnn_plot_energy: Names must have one entry per column of E (%d)', ...
           size (E, 2));
  end

  [ax, fig] = hlnn_plot_axes (opts);
  if (opts.Drift)
    Y = abs (E - repmat (E(1, :), size (E, 1), 1)) ./ repmat (abs (E(1, :)), size (E, 1), 1);
    Y(Y == 0) = NaN;                   % log axis: a zero has no place
    plot (ax, t, Y);
    set (ax, 'yscale', 'log');
    ylabel (ax, '|E(t) - E(t_1)| / |E(t_1)|');
  else
    plot (ax, t, E);
    ylabel (ax, 'energy');
  end
  xlabel (ax, 't');
  if (~isempty (opts.Names))
    legend (ax, opts.Names);
  end
  hlnn_plot_finish (ax, fig, opts, 'hlnn_plot_energy');
  if (nargout > 0)
    ax_out = ax;
  end
end

%!test
%! t = linspace (0, 1, 20)';
%! E = [1 + 0*t, 1 + t, 2 - t];
%! f = figure ('visible', 'off');
%! ax = hlnn_plot_energy (t, E, 'Names', {'a', 'b', 'c'}, 'Axes', axes ('parent', f));
%! lines = flipud (findobj (ax, 'type', 'line'));
%! assert (numel (lines), 3);
%! assert (get (lines(2), 'ydata')(:), 1 + t, 1e-15);
%! close (f);

%!test
%! % relative drift on a log axis, written to PNG headless
%! t = linspace (0, 1, 20)';
%! E = [2 + t, -4 + 0.1 * t];
%! f = figure ('visible', 'off');
%! file = [tempname() '.png'];
%! ax = hlnn_plot_energy (t, E, 'Drift', true, 'Axes', axes ('parent', f), 'File', file);
%! lines = flipud (findobj (ax, 'type', 'line'));
%! assert (get (ax, 'yscale'), 'log');
%! y = get (lines(2), 'ydata')(:);
%! assert (isnan (y(1)));
%! assert (y(2:end), 0.1 * t(2:end) / 4, 1e-15);
%! close (f);
%! info = dir (file);
%! delete (file);
%! assert (info.bytes > 1000);

%!error <one row per time> hlnn_plot_energy (1:3, ones (4, 1))
%!error <one entry per column> hlnn_plot_energy (1:3, ones (3, 2), 'Names', {'a'})
%!error <Drift must be true or false> hlnn_plot_energy (1:3, ones (3, 1), 'Drift', 'yes')
%!error <unknown option 'Dof'> hlnn_plot_energy (1:3, ones (3, 1), 'Dof', 1)
%!error <Invalid call> hlnn_plot_energy (1:3)

%!demo
%! t = linspace (0, 20, 400)';
%! E = [0.5 + 0*t, 0.5 + 1e-3 * sin(3*t), 0.5 * exp(0.02 * t)];
%! subplot (1, 2, 1);
%! hlnn_plot_energy (t, E, 'Names', {'exact', 'bounded error', 'drift'}, 'Axes', gca (), 'Title', 'energy');
%! subplot (1, 2, 2);
%! hlnn_plot_energy (t, E(:, 2:3), 'Drift', true, 'Names', {'bounded error', 'drift'}, ...
%!                   'Axes', gca (), 'Title', 'relative drift');
