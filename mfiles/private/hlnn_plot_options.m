% -*- texinfo -*-
% @deftypefn {hlnn} {@var{opts} =} hlnn_plot_options (@var{extra}, @var{fname}, @var{args})
% Options shared by the hlnn_plot_* functions (Axes, File, Title,
% Resolution, Names) merged with the function's own @var{extra} defaults,
% then checked (internal).
% @end deftypefn
function opts = hlnn_plot_options (extra, fname, args)
  d = struct ('Axes', [], 'File', '', 'Title', '', 'Resolution', 100, ...
              'Names', {{}});
  names = fieldnames (extra);
  for k = 1:numel (names)
    d.(names{k}) = extra.(names{k});
  end
  opts = hlnn_options (d, 'plot', fname, args);
  id = 'hlnn:plot:option';
  if (~isempty (opts.Axes) && ~(isscalar (opts.Axes) && ishghandle (opts.Axes) ...
                               && strcmp (get (opts.Axes, 'type'), 'axes')))
    error (id, '%s: Axes must be an axes handle', fname);
  end
  if (~ischar (opts.File) || ~ischar (opts.Title))
    error (id, '%s: File and Title must be strings', fname);
  end
  if (~isnumeric (opts.Resolution) || ~isscalar (opts.Resolution) ...
      || ~(opts.Resolution >= 10 && opts.Resolution <= 1200))
    error (id, '%s: Resolution must be a number of dots per inch in [10, 1200]', fname);
  end
  if (ischar (opts.Names))
    opts.Names = {opts.Names};
  end
  if (~iscellstr (opts.Names))
    error (id, '%s: Names must be a cell array of strings', fname);
  end
end
