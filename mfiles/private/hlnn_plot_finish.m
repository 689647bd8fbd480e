% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_plot_finish (@var{ax}, @var{fig}, @var{opts}, @var{fname})
% Title and the PNG file of a hlnn_plot_* figure (internal).  A
% figure made only to be written to @code{opts.File} is closed afterwards.
% @end deftypefn
function hlnn_plot_finish (ax, fig, opts, fname)
  hold (ax, 'off');
  if (~isempty (opts.Title))
    title (ax, opts.Title);
  end
  if (~isempty (opts.File))
    print (fig, opts.File, '-dpng', sprintf ('-r%d', opts.Resolution));
    if (~exist (opts.File, 'file'))
      error ('hlnn:plot:file', '%s: could not write %s', fname, opts.File);
    end
    if (isempty (opts.Axes))
      close (fig);
    end
  end
end
