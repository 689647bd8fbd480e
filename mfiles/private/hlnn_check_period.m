% -*- texinfo -*-
% @deftypefn {hlnn} {@var{period} =} hlnn_check_period (@var{p}, @var{n}, @var{kind}, @var{fname})
% The @qcode{'Period'} option of @code{hnn_create}, @code{lnn_create} and
% @code{mlp_create} as the model's 1 x @var{n} row, or error @code{hlnn:<kind>:period}
% unless @var{p} is a scalar or @var{n} finite reals >= 0 (internal).
% @end deftypefn
function period = hlnn_check_period (p, n, kind, fname)
  if (~isnumeric (p) || ~isreal (p) || issparse (p) || ~any (numel (p) == [1 n]) ...
      || ~all (isfinite (p(:))) || any (p(:) < 0))
    error (['hlnn:' kind ':period'], ['%s: Period must be a scalar or %d ' ...
           'finite reals >= 0 (2*pi for an angle, 0 for none)'], fname, n);
  end
  period = double (p(:)') .* ones (1, n);
end
