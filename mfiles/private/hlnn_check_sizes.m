% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_check_sizes (@var{v}, @var{name}, @var{area}, @var{fname}, @var{allow_empty})
% Validate a vector of layer widths (internal): positive integers, each
% at most 1e6, raising @code{hlnn:@var{area}:size} naming @var{name}.
% @end deftypefn
function hlnn_check_sizes (v, name, area, fname, allow_empty)
  if (allow_empty && isempty (v) && isnumeric (v))
    return;
  end
  if (~isnumeric (v) || ~isreal (v) || issparse (v) || isempty (v) || ~isvector (v) ...
      || any (~isfinite (v)) || any (v < 1) || any (v ~= fix (v)) || any (v > 1e6))
    error (sprintf ('hlnn:%s:size', area), ...
           '%s: %s must be a vector of positive integers (layer widths)', ...
           fname, name);
  end
end
