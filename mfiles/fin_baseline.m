% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{Qh} =} fin_baseline (@var{kind}, @var{q}, @var{window}, @var{origins}, @var{horizons})
% @deftypefnx {hlnn} {[@var{Qh}, @var{par}] =} fin_baseline (@dots{}, @var{name}, @var{value}, @dots{})
% Naive forecasts of a series, the yardsticks every hlnn finance model is
% scored against.
%
% @var{q} is T x n (rows = time): log prices, levels, yields or (log)
% volatilities, as in @code{prep.q} of @code{fin_phase_space}.  Parameters
% are fitted by ordinary least squares on rows @var{window} =
% @code{[first last]} only; the forecast from origin row o uses rows up to
% o only.  @var{Qh}(k, j, i) forecasts @code{q(origins(k) + horizons(i), j)};
% each column is treated on its own.
%
% @var{kind}:
% @table @asis
% @item @qcode{'rw'}
% random walk: the last value, @code{q(o)}.
% @item @qcode{'drift'}
% random walk with drift: @code{q(o) + h * mu}, mu = the mean increment
% over the window.
% @item @qcode{'ar1'}
% AR(1) on the increments dq(t) = q(t) - q(t-1):
% @code{dq(t) = c + phi dq(t-1) + e}, iterated h steps ahead and summed.
% @item @qcode{'vasicek'}
% AR(1) on the levels, @code{q(t) = c + phi q(t-1) + e}: the exact
% discretisation of the mean-reverting Ornstein--Uhlenbeck (Vasicek)
% process dq = kappa (theta - q) dt + sigma dW; forecast
% @code{theta + phi^h (q(o) - theta)}.  @var{par} reports kappa = -log(phi)
% * periods-per-year, theta and the half-life in years (NaN when phi is
% not in (0, 1)).
% @item @qcode{'ewma'}
% exponentially weighted moving average of a squared series x, started
% at the window's first row: @code{s2(t) = lambda s2(t-1) + (1 - lambda)
% x(t)^2}; forecast level sqrt(s2(o)) at every horizon.  x is the level
% (exp(q) when @qcode{'Log'} is true, else q) unless @qcode{'EWMAInput'}
% gives another T x n series known at each row, e.g. the annualised daily
% returns behind a volatility series: that is the RiskMetrics forecast
% (lambda = 0.94).  Meant for volatility series.
% @item @qcode{'har'}
% heterogeneous autoregression (Corsi): q(t+h) regressed directly on a
% constant and the means of q over the last w rows, w in
% @qcode{'HARWindows'} (default [1 5 22]: day, week, month).
% @end table
%
% Options: @qcode{'Log'} (for @qcode{'ewma'}, default true),
% @qcode{'Lambda'} (default 0.94), @qcode{'EWMAInput'} (default []),
% @qcode{'HARWindows'},
% @qcode{'PeriodsPerYear'} (for kappa, default 1).
% @seealso{fin_backtest, fin_dm_test}
% @end deftypefn
function [Qh, par] = fin_baseline (kind, q, window, origins, horizons, varargin)
  hlnn_check_nargin (nargin, 5, Inf, 'fin_baseline');
  o = hlnn_options (struct ('Log', true, 'Lambda', 0.94, 'EWMAInput', [], 'HARWindows', [1 5 22], ...
                            'PeriodsPerYear', 1), 'fin', 'fin_baseline', varargin);
  kinds = {'rw', 'drift', 'ar1', 'vasicek', 'ewma', 'har'};
  if (~ischar (kind) || ~any (strcmpi (kind, kinds)))
    error ('hlnn:fin:model', 'fin_baseline: KIND must be one of: %s', strjoin (kinds, ', '));
  end
  kind = lower (kind);
  [T, n] = size (q);
  if (~isnumeric (q) || ~isreal (q) || ndims (q) ~= 2 || T < 3)
    error ('hlnn:fin:data', 'fin_baseline: Q must be a real T x n matrix, T >= 3');
  end
  if (~isnumeric (window) || numel (window) ~= 2 || any (window ~= fix (window)) ...
      || window(1) < 1 || window(2) > T || window(1) >= window(2))
    error ('hlnn:fin:window', 'fin_baseline: WINDOW must be [first last] rows of Q');
  end
  a = window(1);
  b = window(2);
  if (any (any (~isfinite (q(a:b, :)))))
    error ('hlnn:fin:data', 'fin_baseline: Q must be finite on the fitting window');
  end
  if (~is_index (origins, T))
    error ('hlnn:fin:origin', 'fin_baseline: ORIGINS must be row indices of Q');
  end
  origins = origins(:);
  if (~is_index (horizons, 1e5))
    error ('hlnn:fin:horizon', 'fin_baseline: HORIZONS must be positive integers (at most 1e5)');
  end
  horizons = horizons(:)';
  K = numel (origins);
  H = numel (horizons);
  hmax = max (horizons);
  Qh = NaN (K, n, H);
  q0 = q(origins, :);
  par = struct ('kind', kind);
  switch (kind)
    case 'rw'
      Qh = repmat (q0, [1 1 H]);
    case 'drift'
      mu = (q(b, :) - q(a, :)) / (b - a);
      for i = 1:H
        Qh(:, :, i) = bsxfun (@plus, q0, horizons(i) * mu);
      end
      par.mu = mu;
    case 'ar1'
      need (b - a >= 3, 'ar1 needs at least 4 rows in WINDOW');
      need (all (origins >= 2), 'ar1 needs origins >= 2');
      dq = diff (q(a:b, :));
      [c, phi] = ols1 (dq(1:end-1, :), dq(2:end, :));
      d = q0 - q(origins - 1, :);
      cum = zeros (K, n);
      for s = 1:hmax
        d = bsxfun (@plus, c, bsxfun (@times, phi, d));
        cum = cum + d;
        Qh(:, :, horizons == s) = repmat (q0 + cum, [1 1 nnz(horizons == s)]);
      end
      par.c = c;
      par.phi = phi;
    case 'vasicek'
      need (b - a >= 2, 'vasicek needs at least 3 rows in WINDOW');
      [c, phi] = ols1 (q(a:b-1, :), q(a+1:b, :));
      f = q0;
      for s = 1:hmax
        f = bsxfun (@plus, c, bsxfun (@times, phi, f));
        Qh(:, :, horizons == s) = repmat (f, [1 1 nnz(horizons == s)]);
      end
      par.c = c;
      par.phi = phi;
      ok = phi > 0 & phi < 1;
      par.theta = NaN (1, n);
      par.kappa = NaN (1, n);
      par.half_life = NaN (1, n);
      par.theta(ok) = c(ok) ./ (1 - phi(ok));
      par.kappa(ok) = -log (phi(ok)) * o.PeriodsPerYear;
      par.half_life(ok) = log (2) ./ par.kappa(ok);
    case 'ewma'
      lam = o.Lambda;
      need (isscalar (lam) && lam > 0 && lam < 1, 'Lambda must be in (0, 1)');
      need (all (origins >= a), 'ewma needs origins >= WINDOW(1)');
      last = max (origins);
      if (isempty (o.EWMAInput))
        x = q(a:last, :);
        if (o.Log)
          x = exp (x);
        end
      else
        need (isnumeric (o.EWMAInput) && isequal (size (o.EWMAInput), [T n]), ...
              'EWMAInput must have the size of Q');
        x = o.EWMAInput(a:last, :);
      end
      need (all (isfinite (x(:))), 'the EWMA input must be finite from WINDOW(1) to the last origin');
      s2 = NaN (last - a + 1, n);
      s2(1, :) = x(1, :) .^ 2;
      for r = 2:size (x, 1)
        s2(r, :) = lam * s2(r-1, :) + (1 - lam) * x(r, :) .^ 2;
      end
      f = sqrt (s2(origins - a + 1, :));
      if (o.Log)
        f = log (f);
      end
      Qh = repmat (f, [1 1 H]);
      par.lambda = lam;
    case 'har'
      w = o.HARWindows(:)';
      need (~isempty (w) && all (w == fix (w)) && all (w >= 1), 'HARWindows must be positive integers');
      wmax = max (w);
      need (all (origins >= wmax), 'har needs origins >= max(HARWindows)');
      Fo = har_features (q, origins, w);
      par.beta = NaN (numel (w) + 1, n, H);
      for i = 1:H
        h = horizons(i);
        tt = (a + wmax - 1:b - h)';
        need (numel (tt) > numel (w) + 1, 'har: WINDOW too short for the horizons');
        Ft = har_features (q, tt, w);
        for j = 1:n
          A = [ones(numel (tt), 1), reshape(Ft(:, j, :), numel (tt), numel (w))];
          beta = A \ q(tt + h, j);
          par.beta(:, j, i) = beta;
          Qh(:, j, i) = [ones(K, 1), reshape(Fo(:, j, :), K, numel (w))] * beta;
        end
      end
      par.windows = w;
  end
end

% per column: y = c + phi x by least squares
function [c, phi] = ols1 (x, y)
  n = size (x, 2);
  c = zeros (1, n);
  phi = zeros (1, n);
  for j = 1:n
    beta = [ones(size (x, 1), 1), x(:, j)] \ y(:, j);
    c(j) = beta(1);
    phi(j) = beta(2);
  end
end

% F(k, j, i) = mean of q(rows(k)-w(i)+1 : rows(k), j)
function F = har_features (q, rows, w)
  F = zeros (numel (rows), size (q, 2), numel (w));
  cs = [zeros(1, size (q, 2)); cumsum(q, 1)];
  for i = 1:numel (w)
    F(:, :, i) = (cs(rows + 1, :) - cs(rows + 1 - w(i), :)) / w(i);
  end
end

% a non-empty real full vector of integers in [1, hi]
function ok = is_index (x, hi)
  ok = isnumeric (x) && isreal (x) && ~issparse (x) && ~isempty (x) && isvector (x) ...
       && all (isfinite (x)) && all (x == fix (x)) && all (x >= 1) && all (x <= hi);
end

function need (ok, msg)
  if (~ok)
    error ('hlnn:fin:baseline', 'fin_baseline: %s', msg);
  end
end

%!shared q
%! randn ('state', 3);
%! q = cumsum (0.01 * randn (300, 2)) + [zeros(1, 2); 0.3 * (1:299)' / 299 * [1 -1]];

%!test
%! % random walk = last value; drift = last value + h * mean increment
%! Qh = fin_baseline ('rw', q, [1 200], [200 210 250], [1 5]);
%! assert (Qh(:, :, 1), q([200 210 250], :));
%! assert (Qh(:, :, 2), q([200 210 250], :));
%! Qd = fin_baseline ('drift', q, [1 200], 220, [1 5 20]);
%! mu = mean (diff (q(1:200, :)));
%! assert (squeeze (Qd)', q(220, :) + [1; 5; 20] * mu, 1e-12);

%!test
%! % AR(1) on increments against OLS written out by hand
%! [Qh, par] = fin_baseline ('ar1', q, [11 200], 230, [1 3]);
%! d = diff (q(11:200, :));
%! for j = 1:2
%!   x = d(1:end-1, j); y = d(2:end, j);
%!   phi = sum ((x - mean (x)) .* (y - mean (y))) / sum ((x - mean (x)) .^ 2);
%!   c = mean (y) - phi * mean (x);
%!   assert (par.phi(j), phi, 1e-10);
%!   assert (par.c(j), c, 1e-12);
%!   d1 = c + phi * (q(230, j) - q(229, j));
%!   d2 = c + phi * d1;
%!   d3 = c + phi * d2;
%!   assert (Qh(1, j, 1), q(230, j) + d1, 1e-12);
%!   assert (Qh(1, j, 2), q(230, j) + d1 + d2 + d3, 1e-12);
%! end

%!test
%! % Vasicek: AR(1) on levels; closed-form h-step forecast and kappa
%! x = zeros (400, 1);
%! randn ('state', 5);
%! for t = 2:400
%!   x(t) = 0.3 + 0.9 * x(t-1) + 0.1 * randn ();
%! end
%! [Qh, par] = fin_baseline ('vasicek', x, [1 300], 350, [1 12], 'PeriodsPerYear', 12);
%! xx = x(1:299); yy = x(2:300);
%! phi = sum ((xx - mean (xx)) .* (yy - mean (yy))) / sum ((xx - mean (xx)) .^ 2);
%! c = mean (yy) - phi * mean (xx);
%! th = c / (1 - phi);
%! assert (par.phi, phi, 1e-10);
%! assert (par.theta, th, 1e-9);
%! assert (par.kappa, -log (phi) * 12, 1e-9);
%! assert (squeeze (Qh), th + phi .^ [1; 12] * (x(350) - th), 1e-9);

%!test
%! % EWMA recursion by hand, in level space
%! [Qh, par] = fin_baseline ('ewma', q(:, 1), [5 100], 103, 2, 'Lambda', 0.9);
%! s2 = exp (q(5, 1)) ^ 2;
%! for t = 6:103
%!   s2 = 0.9 * s2 + 0.1 * exp (q(t, 1)) ^ 2;
%! end
%! assert (Qh, log (sqrt (s2)), 1e-12);

%!test
%! % RiskMetrics: EWMA of a given input series
%! x = 0.2 * sin ((1:300)' / 3);
%! Qh = fin_baseline ('ewma', q(:, 1), [5 100], 103, 2, 'EWMAInput', x);
%! s2 = x(5) ^ 2;
%! for t = 6:103
%!   s2 = 0.94 * s2 + 0.06 * x(t) ^ 2;
%! end
%! assert (Qh, log (sqrt (s2)), 1e-12);

%!test
%! % HAR: direct regression on moving means, by hand
%! [Qh, par] = fin_baseline ('har', q(:, 2), [1 200], 250, 5, 'HARWindows', [1 5]);
%! tt = (5:195)';
%! m5 = arrayfun (@(s) mean (q(s-4:s, 2)), tt);
%! beta = [ones(191, 1), q(tt, 2), m5] \ q(tt + 5, 2);
%! assert (par.beta(:), beta, 1e-10);
%! assert (Qh, [1, q(250, 2), mean(q(246:250, 2))] * beta, 1e-12);

%!test
%! % no look-ahead: rows after the origin do not matter
%! q2 = q;
%! q2(241:end, :) = q2(241:end, :) + 5;
%! for k = {'rw', 'drift', 'ar1', 'vasicek', 'ewma', 'har'}
%!   a = fin_baseline (k{1}, q, [30 200], [201 230 240], [1 5 20]);
%!   b = fin_baseline (k{1}, q2, [30 200], [201 230 240], [1 5 20]);
%!   assert (isequal (a, b));
%! end

%!error <KIND must be> fin_baseline ('arima', q, [1 100], 150, 1)
%!error <WINDOW> fin_baseline ('rw', q, [100 1], 150, 1)
%!error <HORIZONS> fin_baseline ('rw', q, [1 100], 150, 0)
%!error <ORIGINS> fin_baseline ('rw', q, [1 100], 301, 1)
%!error <EWMAInput must> fin_baseline ('ewma', q, [1 100], 150, 1, 'EWMAInput', ones (3, 2))
%!error <Lambda> fin_baseline ('ewma', q, [1 100], 150, 1, 'Lambda', 1)
%!error <Invalid call> fin_baseline ('rw', q)

%!demo
%! D = fin_load_data ('ust-tcm-monthly');
%! [Qh, par] = fin_baseline ('vasicek', D.P, [1 400], 450, 12, 'PeriodsPerYear', 12);
%! for j = 1:4
%!   printf ('%-7s kappa %.3f/yr  theta %.2f%%  half-life %.1f yr\n', D.names{j}, ...
%!           par.kappa(j), par.theta(j), par.half_life(j));
%! end
