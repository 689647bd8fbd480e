% -*- texinfo -*-
% @deftypefn {hlnn} {} repro_print (@var{r})
% Print a task's table header and rows (@code{repro_rows}) to the
% terminal, with the deviations from the paper's settings.
% @end deftypefn
function repro_print (r)
  lines = [repro_header(isfield (r, 'lnn_clean')), repro_rows(r)];
  fprintf ('%s\n', lines{:});
  dev = r.settings.deviations;
  if (~isempty (dev))
    fprintf ('deviations: %s\n', strjoin (dev, '; '));
  end
  fprintf ('(%.0f s)\n', r.seconds);
end
