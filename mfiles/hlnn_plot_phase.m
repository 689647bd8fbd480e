% -*- texinfo -*-
% @deftypefn  {hlnn} {} hlnn_plot_phase (@var{Xs})
% @deftypefnx {hlnn} {} hlnn_plot_phase (@var{Xs}, @var{Xref})
% @deftypefnx {hlnn} {} hlnn_plot_phase (@dots{}, @var{name}, @var{value}, @dots{})
% @deftypefnx {hlnn} {@var{ax} =} hlnn_plot_phase (@dots{})
% Phase portrait: p against q for one or more trajectories.
%
% @var{Xs} holds trajectories as time x state x trajectory (the layout of
% @code{hlnn_rollout}; a time x state matrix is one trajectory).  The
% state is @code{[q p]} (or @code{[q qdot]}) with @var{n} = half its width
% degrees of freedom; degree of freedom @var{k} draws column @var{k}
% against column @var{n}+@var{k}.  Trajectories of @var{Xs} are solid
% lines with a circle at their start; the optional reference @var{Xref}
% (same layout, e.g. the true motion) is drawn dashed black.
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'Dof'}
% degree of freedom @var{k} to draw (default 1)
% @item @qcode{'Labels'}
% axis labels (default @code{@{'q', 'p'@}})
% @item @qcode{'Names'}
% legend entries for @var{Xs} and @var{Xref}
% (default: none, or @code{@{'model', 'reference'@}} with @var{Xref})
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
% t = linspace (0, 2*pi, 100)';
% X = cat (3, [cos(t) -sin(t)], 2 * [cos(t) -sin(t)]);   % two circles
% hlnn_plot_phase (X, 'File', 'phase.png');
% @end example
% @seealso{hlnn_plot_energy, hlnn_plot_history, hlnn_rollout}
% @end deftypefn
function ax_out = hlnn_plot_phase (Xs, varargin)
  hlnn_check_nargin (nargin, 1, Inf, 'hlnn_plot_phase');
  Xref = [];
  if (~isempty (varargin) && isnumeric (varargin{1}))
    Xref = varargin{1};
    varargin = varargin(2:end);
  end
  opts = hlnn_plot_options (struct ('Dof', 1, 'Labels', {{'q', 'p'}}), ...
                            'hlnn_plot_phase', varargin);
  check_trajectories (Xs, 'Xs');
  d = size (Xs, 2);
  if (mod (d, 2) ~= 0)
    error ('hlnn:plot:data', ...
           'hlnn_plot_phase: Xs must have an even number of state columns [q p], got %d', d);
  end
  n = d / 2;
  if (~isempty (Xref))
    check_trajectories (Xref, 'Xref');
    if (size (Xref, 2) ~= d)
      error ('hlnn:plot:data', 'hlnn_plot_phase: Xref must have %d state columns like Xs, got %d', ...
             d, size (Xref, 2));
    end
  end
  k = opts.Dof;
  if (~isnumeric (k) || ~isscalar (k) || k ~= fix (k) || k < 1 || k > n)
    error ('hlnn:plot:option', 'hlnn_plot_phase: Dof must be an integer in 1..%d', n);
  end
  if (~iscellstr (opts.Labels) || numel (opts.Labels) ~= 2)
    error ('hlnn:plot:option', 'hlnn_plot_phase: Labels must be two strings');
  end

  [ax, fig] = hlnn_plot_axes (opts);
  h = plot (ax, squeeze3 (Xs(:, k, :)), squeeze3 (Xs(:, n + k, :)), '-');
  colors = get (h, 'color');
  if (~iscell (colors))
    colors = {colors};
  end
  for j = 1:numel (h)
    plot (ax, Xs(1, k, j), Xs(1, n + k, j), 'o', 'color', colors{j});
  end
  handles = h(1);
  if (~isempty (Xref))
    r = plot (ax, squeeze3 (Xref(:, k, :)), squeeze3 (Xref(:, n + k, :)), 'k--');
    handles(end+1) = r(1);
  end
  labels = opts.Labels;
  if (n > 1)
    labels = strcat (labels, sprintf ('_%d', k));
  end
  xlabel (ax, labels{1});
  ylabel (ax, labels{2});
  names = opts.Names;
  if (isempty (names) && ~isempty (Xref))
    names = {'model', 'reference'};
  end
  if (~isempty (names))
    legend (handles(1:min (numel (names), numel (handles))), ...
            names(1:min (numel (names), numel (handles))));
  end
  hlnn_plot_finish (ax, fig, opts, 'hlnn_plot_phase');
  if (nargout > 0)
    ax_out = ax;
  end
end

function check_trajectories (X, name)
  if (~isnumeric (X) || ~isreal (X) || isempty (X) || ndims (X) > 3)
    error ('hlnn:plot:data', ...
           'hlnn_plot_phase: %s must be a real array, time x state x trajectory', name);
  end
end

function Y = squeeze3 (X)
  % time x 1 x K -> time x K (one column per trajectory)
  Y = reshape (X, size (X, 1), size (X, 3));
end

%!shared t, X
%! t = linspace (0, 2*pi, 50)';
%! X = cat (3, [cos(t) -sin(t)], 2 * [cos(t) -sin(t)]);

%!test
%! f = figure ('visible', 'off');
%! ax = hlnn_plot_phase (X, 'Axes', axes ('parent', f));
%! lines = findobj (ax, 'type', 'line');
%! q = get (lines, 'xdata');
%! % two trajectories and their two start markers
%! assert (numel (lines), 4);
%! assert (sort (cellfun (@numel, q)), [1; 1; 50; 50]);
%! long = lines(cellfun (@numel, q) == 50);
%! got = sort (cellfun (@(l) max (get (l, 'xdata')), num2cell (long)));
%! assert (got, [1; 2], 1e-12);
%! close (f);

%!test
%! % second degree of freedom, a reference, written to PNG headless
%! Y = [X(:, 1, :), 3 * X(:, 1, :), X(:, 2, :), 3 * X(:, 2, :)];
%! file = [tempname() '.png'];
%! hlnn_plot_phase (Y, 0.9 * Y, 'Dof', 2, 'File', file, 'Title', 'dof 2');
%! fid = fopen (file, 'r');
%! magic = fread (fid, 8, 'uint8')';
%! fclose (fid);
%! info = dir (file);
%! delete (file);
%! assert (magic, [137 80 78 71 13 10 26 10]);
%! assert (info.bytes > 1000);

%!error <even number of state columns> hlnn_plot_phase (ones (5, 3))
%!error <Dof must be an integer in 1..1> hlnn_plot_phase (ones (5, 2), 'Dof', 2)
%!error <Xref must have 2 state columns> hlnn_plot_phase (ones (5, 2), ones (5, 4))
%!error <Invalid call> hlnn_plot_phase ()

%!demo
%! t = linspace (0, 4*pi, 200)';
%! X = cat (3, [cos(t) -sin(t)], [1.5*cos(t) -1.5*sin(t)]);
%! Xd = X .* exp (-0.05 * t);                 % a damped version as "model"
%! hlnn_plot_phase (Xd, X, 'Names', {'damped', 'exact'}, 'Title', 'phase portrait');
