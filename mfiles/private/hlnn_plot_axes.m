% -*- texinfo -*-
% @deftypefn {hlnn} {[@var{ax}, @var{fig}] =} hlnn_plot_axes (@var{opts})
% The axes a hlnn_plot_* function draws into (internal): @code{opts.Axes}
% if given, else a new figure, invisible when @code{opts.File} is set
% so that figures can be written headless (gnuplot toolkit, no display).
% @end deftypefn
function [ax, fig] = hlnn_plot_axes (opts)
  if (~isempty (opts.Axes))
    ax = opts.Axes;
    fig = ancestor (ax, 'figure');
  else
    if (isempty (opts.File))
      fig = figure ();
    else
      fig = figure ('visible', 'off');
    end
    ax = axes ('parent', fig);
  end
  hold (ax, 'on');
end
