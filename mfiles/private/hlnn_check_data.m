% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_check_data (@var{X}, @var{name}, @var{cols}, @var{rows}, @var{area}, @var{fname})
% Raise @code{hlnn:@var{area}:data} unless @var{X} is a real, full,
% finite double matrix with @var{cols} columns (and @var{rows} rows when
% @var{rows} is non-empty) (internal).
% @end deftypefn
function hlnn_check_data (X, name, cols, rows, area, fname)
  id = sprintf ('hlnn:%s:data', area);
  if (~isa (X, 'double') || ~isreal (X) || issparse (X) || ndims (X) ~= 2 || isempty (X))
    error (id, '%s: %s must be a non-empty real full double matrix', fname, name);
  end
  if (size (X, 2) ~= cols)
    error (id, '%s: %s must have %d columns, got %d', fname, name, cols, size (X, 2));
  end
  if (~isempty (rows) && size (X, 1) ~= rows)
    error (id, '%s: %s must have %d rows (one per sample), got %d', fname, ...
           name, rows, size (X, 1));
  end
  if (~all (isfinite (X(:))))
    error (id, '%s: %s must be finite', fname, name);
  end
end
