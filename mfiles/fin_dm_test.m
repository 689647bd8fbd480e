% -*- texinfo -*-
% @deftypefn  {hlnn} {[@var{stat}, @var{p}] =} fin_dm_test (@var{e1}, @var{e2}, @var{h})
% @deftypefnx {hlnn} {[@var{stat}, @var{p}, @var{info}] =} fin_dm_test (@dots{}, @var{name}, @var{value}, @dots{})
% Diebold--Mariano test of equal forecast accuracy, with a
% heteroskedasticity- and autocorrelation-consistent (Newey--West) variance.
%
% @var{e1} and @var{e2} are the forecast errors of a model and of a
% benchmark at horizon @var{h} (K x n, rows in time order; with n > 1 the
% loss is averaged over the columns at each time, so that one test covers
% several assets).  Rows where either has a NaN are dropped.  With the
% loss differential @code{d(t) = mean_j L(e1(t,j)) - mean_j L(e2(t,j))},
% L the squared (@qcode{'Loss'} @qcode{'se'}, default) or absolute
% (@qcode{'ae'}) error:
%
% @example
% stat = mean (d) / sqrt (V / T),
% V = g(0) + 2 sum_@{k=1..L@} (1 - k/(L+1)) g(k),
% g(k) = (1/T) sum_t (d(t) - mean d) (d(t-k) - mean d)
% @end example
%
% (Bartlett weights, which keep V >= 0).  The default lag is
% @code{L = max (h - 1, floor (4 (T/100)^(2/9)))}: h - 1 covers the
% overlap of h-step forecast errors, the second term is Newey and West's
% rule of thumb; option @qcode{'Lag'} sets it.  @var{p} is the two-sided
% p-value from the standard normal.  A negative @var{stat} means the model
% (@var{e1}) has the smaller loss.  When the two error series are equal
% (or V = 0) @var{stat} and @var{p} are NaN.  @var{info} holds
% @code{dbar}, @code{V}, @code{lag}, @code{T}.
% @seealso{fin_backtest}
% @end deftypefn
function [stat, p, info] = fin_dm_test (e1, e2, h, varargin)
  hlnn_check_nargin (nargin, 3, Inf, 'fin_dm_test');
  o = hlnn_options (struct ('Loss', 'se', 'Lag', []), 'fin', 'fin_dm_test', varargin);
  if (~isnumeric (e1) || ~isnumeric (e2) || ~isreal (e1) || ~isreal (e2) ...
      || ndims (e1) ~= 2 || ~isequal (size (e1), size (e2)))
    error ('hlnn:fin:data', 'fin_dm_test: E1 and E2 must be real matrices of the same size');
  end
  if (~isnumeric (h) || ~isscalar (h) || ~isreal (h) || issparse (h) || ~isfinite (h) ...
      || h ~= fix (h) || h < 1 || h > numel (e1))
    error ('hlnn:fin:horizon', 'fin_dm_test: H must be a positive integer');
  end
  switch (lower (o.Loss))
    case 'se'
      l1 = e1 .^ 2;
      l2 = e2 .^ 2;
    case 'ae'
      l1 = abs (e1);
      l2 = abs (e2);
    otherwise
      error ('hlnn:fin:option', 'fin_dm_test: Loss must be ''se'' or ''ae''');
  end
  ok = all (isfinite (e1), 2) & all (isfinite (e2), 2);
  d = mean (l1(ok, :), 2) - mean (l2(ok, :), 2);
  T = numel (d);
  L = o.Lag;
  if (isempty (L))
    L = max (h - 1, floor (4 * (T / 100) ^ (2 / 9)));
  elseif (~isnumeric (L) || ~isscalar (L) || L ~= fix (L) || L < 0)
    error ('hlnn:fin:option', 'fin_dm_test: Lag must be a non-negative integer');
  end
  L = min (L, T - 1);
  stat = NaN;
  p = NaN;
  V = NaN;
  dbar = NaN;
  if (T >= 2)
    dbar = mean (d);
    dc = d - dbar;
    V = sum (dc .^ 2) / T;
    for k = 1:L
      V = V + 2 * (1 - k / (L + 1)) * sum (dc(k+1:end) .* dc(1:end-k)) / T;
    end
    if (V > 0)
      stat = dbar / sqrt (V / T);
      p = erfc (abs (stat) / sqrt (2));
    end
  end
  info = struct ('dbar', dbar, 'V', V, 'lag', L, 'T', T);
end

%!test
%! % a hand-computed example: d = [1 -1 2 0 3], lag 1
%! % mean 1, dc = [0 -2 1 -1 2]; g0 = 10/5 = 2; g1 = (0 -2 -1 -2)/5 = -1
%! % V = 2 + 2 * (1/2) * (-1) = 1; stat = 1 / sqrt (1/5) = sqrt (5)
%! e2 = zeros (5, 1);
%! e1 = sqrt ([1; 0; 2; 0; 3]);
%! e2(2) = 1;
%! [s, p, info] = fin_dm_test (e1, e2, 1, 'Lag', 1);
%! assert (info.dbar, 1, 1e-15);
%! assert (info.V, 1, 1e-14);
%! assert (s, sqrt (5), 1e-14);
%! assert (p, erfc (sqrt (5) / sqrt (2)), 1e-15);
%! assert (p, 0.025347, 1e-6);

%!test
%! % lag 0: the plain t statistic of the loss differential (variance with 1/T)
%! randn ('state', 2);
%! e1 = randn (50, 2); e2 = randn (50, 2);
%! d = mean (e1 .^ 2, 2) - mean (e2 .^ 2, 2);
%! s = fin_dm_test (e1, e2, 1, 'Lag', 0);
%! assert (s, mean (d) / sqrt (mean ((d - mean (d)) .^ 2) / 50), 1e-12);
%! [s2, p2] = fin_dm_test (e2, e1, 1, 'Lag', 0);
%! assert (s2, -s, 1e-12);
%! % absolute loss; default lag for h = 5 is max (4, floor (4 * 0.5^(2/9))) = 4
%! [~, ~, info] = fin_dm_test (e1, e2, 5, 'Loss', 'ae');
%! assert (info.lag, 4);
%! assert (info.dbar, mean (mean (abs (e1), 2) - mean (abs (e2), 2)), 1e-14);

%!test
%! % identical errors: no test; NaN rows dropped
%! [s, p] = fin_dm_test ([1; 2; 3], [1; 2; 3], 1);
%! assert (isnan (s) && isnan (p));
%! [~, ~, info] = fin_dm_test ([1; NaN; 3; 4], [0; 1; 1; NaN], 1);
%! assert (info.T, 2);

%!error <same size> fin_dm_test (ones (3, 1), ones (4, 1), 1)
%!error <H must be> fin_dm_test (ones (3, 1), ones (3, 1), 0)
%!error <Loss> fin_dm_test (ones (3, 1), ones (3, 1), 1, 'Loss', 'qlike')
%!error <Invalid call> fin_dm_test (1, 1)

%!demo
%! randn ('state', 1);
%! truth = cumsum (randn (500, 1));
%! e_rw = truth(2:end) - truth(1:end-1);           % random walk errors
%! e_mean = truth(2:end) - mean (truth(1:250));    % a poor constant forecast
%! [s, p] = fin_dm_test (e_mean, e_rw, 1);
%! printf ('DM = %.2f, p = %.2g (positive: the constant forecast is worse)\n', s, p);
