% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{L} =} fin_inverse (@var{prep}, @var{Z})
% @deftypefnx {hlnn} {[@var{L}, @var{q}, @var{v}] =} fin_inverse (@var{prep}, @var{Z})
% Map normalised phase-space states back to prices or levels.
%
% @var{Z} holds normalised positions Q (K x n) or full states
% @code{[Q Qd]} (K x 2n), possibly with further dimensions (K x n x H,
% as in @code{fin_forecast}).  With the normalisation of @var{prep}
% (from @code{fin_phase_space}): @code{q = Q .* s + mu}, @code{L = exp(q)}
% when @code{prep.norm.log} is true, else @code{L = q}.  When @var{Z} has
% 2n columns, @var{v} is the velocity dq/dt in q-units per year.
% @seealso{fin_phase_space, fin_forecast}
% @end deftypefn
function [L, q, v] = fin_inverse (prep, Z)
  hlnn_check_nargin (nargin, 2, 2, 'fin_inverse');
  if (~isstruct (prep) || ~isscalar (prep) || ~isfield (prep, 'norm') || ~isfield (prep, 'n'))
    error ('hlnn:fin:prep', 'fin_inverse: PREP must come from fin_phase_space');
  end
  n = prep.n;
  if (~isnumeric (Z) || ~isreal (Z) || ndims (Z) > 3 || (size (Z, 2) ~= n && size (Z, 2) ~= 2 * n))
    error ('hlnn:fin:data', 'fin_inverse: Z must be real with %d or %d columns', n, 2 * n);
  end
  sz = size (Z);
  Qn = Z(:, 1:n, :);
  q = bsxfun (@plus, bsxfun (@times, Qn, prep.norm.s), prep.norm.mu);
  if (prep.norm.log)
    L = exp (q);
  else
    L = q;
  end
  v = [];
  if (sz(2) == 2 * n)
    v = bsxfun (@times, Z(:, n+1:end, :), prep.norm.s / prep.norm.tscale);
  end
end

%!test
%! t = (0:99)' / 260;
%! P = 50 * exp (cumsum (0.01 * sin ((1:100)' / 7 * [1 2])));
%! prep = fin_phase_space (t, P, 'NoiseWarning', false);
%! ok = prep.valid;
%! [L, q, v] = fin_inverse (prep, prep.X(ok, :));
%! assert (max (max (abs (L ./ P(ok, :) - 1))) < 1e-12);
%! assert (q, log (P(ok, :)), 1e-12);
%! assert (v, prep.v(ok, :), 1e-9 * max (abs (prep.v(:))));
%! % forecast-shaped input K x n x H
%! Z = cat (3, prep.X(ok, 1:2), prep.X(ok, 1:2));
%! L3 = fin_inverse (prep, Z);
%! assert (size (L3), [nnz(ok) 2 2]);
%! assert (L3(:, :, 2), L);

%!error <PREP must come> fin_inverse (struct (), 1)
%!error <columns> fin_inverse (struct ('norm', 1, 'n', 2), ones (3, 3))
%!error <Invalid call> fin_inverse (1)

%!demo
%! t = (0:99)' / 12;
%! prep = fin_phase_space (t, 5 + sin (t), 'Log', false, 'NoiseWarning', false);
%! disp ([prep.P(10:12), fin_inverse(prep, prep.X(10:12, :))])
