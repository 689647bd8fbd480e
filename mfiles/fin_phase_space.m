% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{prep} =} fin_phase_space (@var{t}, @var{P})
% @deftypefnx {hlnn} {@var{prep} =} fin_phase_space (@var{t}, @var{P}, @var{name}, @var{value}, @dots{})
% Turn prices or levels into phase-space data for HNN, LNN and MLP models.
%
% @var{P} is T x n (rows = time, oldest first; columns = assets or
% maturities); @var{t} is the T x 1 time in years (business time) or
% @code{[]}.  The result holds, for every row i:
%
% @table @asis
% @item position
% q = log P (option @qcode{'Log'}, default) or q = P, with missing values
% (NaN) replaced by the last observation before them (last observation
% carried forward: a causal rule, it never looks at later rows).  Rows
% before every column has been observed once are invalid.
% @item velocity
% v = dq/dt from a @emph{causal} estimate: the slope at row i of the
% least-squares polynomial of degree @qcode{'VelocityOrder'} through rows
% i-W+1 @dots{} i, W = @qcode{'VelocityWindow'} (a one-sided
% Savitzky--Golay derivative; W = 2, degree 1 is the backward difference).
% Time is business time: dt = 1 / periods-per-year.
% @item normalised state
% @code{X = [Q Qd]} with @code{Q = (q - mu) ./ s} and @code{Qd = dQ/dtau},
% where mu, s (per column) and the time unit tau (in years, one number for
% all columns, chosen so that Qd has unit root-mean-square) are fitted on
% the training window @qcode{'TrainWindow'} only and stored in
% @code{prep.norm}.  Qd is exactly the time derivative of Q in tau units,
% so the same state serves HNN (p = Qd), LNN (qdot = Qd) and MLP.
% @item labels (training targets only)
% @code{dX} = d/dtau of @code{[Q Qd]} and @code{Qdd} = d^2 Q/dtau^2 from
% centred differences (@qcode{'LabelMethod'} @qcode{'central'}) or a
% centred Savitzky--Golay filter (@qcode{'sg'}, window
% @qcode{'LabelWindow'}, degree @qcode{'LabelOrder'}).  They use rows up
% to i + @code{prep.reach}, i.e. the future: they are labels, never
% features.  @code{prep.train_rows} lists the rows whose state and labels
% lie inside the training window; training on them cannot see the test
% period.
% @end table
%
% Second differences of a random walk are pure noise.  For each column
% the ratio @code{var(diff(q,2)) / (2 var(diff(q)))} on the training
% window is stored in @code{prep.noise_ratio}: it is about 1 when the
% increments are independent (the acceleration labels are then noise)
% and near 0 for a smooth trajectory.  If any ratio exceeds
% @qcode{'NoiseThreshold'} (default 0.5), warning @code{hlnn:fin:noisy} is
% issued (unless @qcode{'NoiseWarning'} is false).
%
% Options (name/value pairs or a struct):
% @table @asis
% @item @qcode{'Log'}
% q = log P (default true); P must then be positive
% @item @qcode{'PeriodsPerYear'}
% default: @code{1/median(diff(t))}, rounded when within 1e-6 of an integer
% @item @qcode{'VelocityWindow'}
% W (default 5)
% @item @qcode{'VelocityOrder'}
% degree of the causal fit (default 1), < W
% @item @qcode{'LabelMethod'}
% @qcode{'central'} (default) or @qcode{'sg'}
% @item @qcode{'LabelWindow'}
% odd window of the @qcode{'sg'} labels (default 5)
% @item @qcode{'LabelOrder'}
% degree of the @qcode{'sg'} labels (default 2), >= 2
% @item @qcode{'TrainWindow'}
% @code{[first last]} rows used to fit the
% normalisation (default: all rows, which is right for a description of
% the data and wrong for an evaluation; @code{fin_backtest} always passes
% each fold's window)
% @item @qcode{'NoiseThreshold'}, @qcode{'NoiseWarning'}
% @end table
%
% @code{prep.velocity_decay} (1/years) is the decay rate of the
% normalised velocity on the training rows, @code{-log(phi) * ppy} with
% phi the least-squares lag-1 coefficient (no intercept, all columns
% pooled) of @code{Qd(t)} on @code{Qd(t-1)}, or 0 when phi is not in
% (0, 1): a dissipation rate fitted on the training window, for the
% @qcode{'Gamma'} option of @code{fin_forecast} and @code{fin_scenarios}.
% It reflects the overlap of the velocity window as much as any mean
% reversion of the trend.
%
% Fields of @var{prep}: @code{t}, @code{P} (after carrying forward),
% @code{observed} (logical, where P was not NaN), @code{q}, @code{v}
% (dq/dt per year), @code{X}, @code{dX}, @code{Qdd}, @code{valid} (rows
% with a state), @code{label_ok}, @code{train_rows}, @code{train_window},
% @code{reach}, @code{norm} (@code{log}, @code{mu}, @code{s},
% @code{tscale} = years per tau, @code{dt}, @code{dtau}, @code{ppy}),
% @code{noise_ratio}, @code{n}, @code{options}.  Invalid entries are NaN.
% @code{fin_inverse} maps states back to prices.
% @seealso{fin_inverse, fin_split, fin_forecast, fin_backtest}
% @end deftypefn
function prep = fin_phase_space (t, P, varargin)
  hlnn_check_nargin (nargin, 2, Inf, 'fin_phase_space');
  defaults = struct ('Log', true, 'PeriodsPerYear', [], 'VelocityWindow', 5, ...
                     'VelocityOrder', 1, 'LabelMethod', 'central', ...
                     'LabelWindow', 5, 'LabelOrder', 2, 'TrainWindow', [], ...
                     'NoiseThreshold', 0.5, 'NoiseWarning', true);
  opts = hlnn_options (defaults, 'fin', 'fin_phase_space', varargin);
  [T, n] = size (P);
  check_inputs (t, P, opts);
  ppy = periods_per_year (t, opts);
  dt = 1 / ppy;
  if (isempty (t))
    t = (0:T-1)' * dt;
  end
  [W, m, k, m2, win] = check_windows (opts, T);

  % last observation carried forward, column by column, causally
  observed = ~isnan (P);
  idx = repmat ((1:T)', 1, n);
  idx(~observed) = 0;
  idx = cummax (idx, 1);
  Pf = NaN (T, n);
  for j = 1:n
    ok = idx(:, j) > 0;
    Pf(ok, j) = P(idx(ok, j), j);
  end
  first = find (all (idx > 0, 2), 1);
  if (isempty (first) || first + W - 1 > T)
    error ('hlnn:fin:data', 'fin_phase_space: too few observed rows for VelocityWindow %d', W);
  end
  if (opts.Log)
    q = log (Pf);
  else
    q = Pf;
  end

  % causal velocity: one-sided least-squares slope over rows i-W+1..i
  c = sg_filter (-(W-1):0, m, 1) / dt;
  v = NaN (T, n);
  v(W:T, :) = 0;
  for r = 1:W
    v(W:T, :) = v(W:T, :) + c(r) * q(r:T-W+r, :);
  end
  valid = false (T, 1);
  valid(first + W - 1:T) = true;
  v(~valid, :) = NaN;

  % normalisation from the training window only
  rows = (win(1):win(2))';
  rows = rows(valid(rows));
  if (numel (rows) < 2)
    error ('hlnn:fin:window', ...
           'fin_phase_space: TrainWindow holds fewer than 2 valid rows (VelocityWindow %d)', W);
  end
  mu = mean (q(rows, :), 1);
  s = std (q(rows, :), 0, 1);
  if (any (s == 0))
    error ('hlnn:fin:degenerate', ...
           'fin_phase_space: a column is constant over the training window');
  end
  u = bsxfun (@rdivide, v, s);
  urms = sqrt (mean (reshape (u(rows, :), [], 1) .^ 2));
  if (~(urms > 0))
    error ('hlnn:fin:degenerate', ...
           'fin_phase_space: zero velocity over the whole training window');
  end
  tscale = 1 / urms;
  dtau = dt / tscale;
  Q = bsxfun (@rdivide, bsxfun (@minus, q, mu), s);
  Qd = u * tscale;
  X = [Q Qd];
  X(~valid, :) = NaN;

  % labels: centred filters, they read rows up to i + k
  d1 = sg_filter (-k:k, m2, 1) / dtau;
  d2 = sg_filter (-k:k, m2, 2) / dtau ^ 2;
  label_ok = false (T, 1);
  label_ok(k+1:T-k) = valid(1:T-2*k);
  dX = NaN (T, 2 * n);
  Qdd = NaN (T, n);
  inner = (k+1:T-k)';
  dX(inner, :) = 0;
  Qdd(inner, :) = 0;
  for r = 1:2*k+1
    src = inner - k - 1 + r;
    dX(inner, :) = dX(inner, :) + d1(r) * X(src, :);
    Qdd(inner, :) = Qdd(inner, :) + d2(r) * Q(src, :);
  end
  dX(~label_ok, :) = NaN;
  Qdd(~label_ok, :) = NaN;
  tr = (win(1):win(2) - k)';
  train_rows = tr(label_ok(tr));

  % decay of the velocity over the training rows (both ends in the window)
  r = train_rows(train_rows - 1 >= win(1));
  r = r(valid(r - 1));
  xv = X(r - 1, n+1:end);
  yv = X(r, n+1:end);
  phi = sum (xv(:) .* yv(:)) / sum (xv(:) .^ 2);
  velocity_decay = 0;
  if (phi > 0 && phi < 1)
    velocity_decay = -log (phi) * ppy;
  end

  % how much of the second-difference signal is noise, per column
  qw = q(win(1):win(2), :);
  qw = qw(all (~isnan (qw), 2), :);
  noise_ratio = NaN (1, n);
  if (size (qw, 1) >= 4)
    noise_ratio = var (diff (qw, 2), 0, 1) ./ (2 * var (diff (qw), 0, 1));
  end
  if (opts.NoiseWarning && any (noise_ratio > opts.NoiseThreshold))
    warning ('hlnn:fin:noisy', ...
             ['fin_phase_space: second-difference labels are dominated by noise ', ...
              '(noise ratio %s > %g; 1 = independent increments): ', ...
              'acceleration targets carry little signal'], ...
             mat2str (noise_ratio, 3), opts.NoiseThreshold);
  end

  prep = struct ();
  prep.t = t(:);
  prep.P = Pf;
  prep.observed = observed;
  prep.q = q;
  prep.v = v;
  prep.X = X;
  prep.dX = dX;
  prep.Qdd = Qdd;
  prep.valid = valid;
  prep.label_ok = label_ok;
  prep.train_rows = train_rows;
  prep.train_window = win;
  prep.reach = k;
  prep.norm = struct ('log', logical (opts.Log), 'mu', mu, 's', s, ...
                      'tscale', tscale, 'dt', dt, 'dtau', dtau, 'ppy', ppy);
  prep.noise_ratio = noise_ratio;
  prep.velocity_decay = velocity_decay;
  prep.n = n;
  prep.options = opts;
end

% Row r of pinv(V) maps samples at offsets x to the (r-1)-th polynomial
% coefficient; der-th derivative at offset 0 = der! * coefficient.
function c = sg_filter (x, order, der)
  x = x(:);
  V = bsxfun (@power, x, 0:order);
  G = pinv (V);
  c = factorial (der) * G(der + 1, :);
end

function check_inputs (t, P, opts)
  if (~isa (P, 'double') || ~isreal (P) || issparse (P) || ndims (P) ~= 2 ...
      || size (P, 1) < 3 || size (P, 2) < 1)
    error ('hlnn:fin:data', 'fin_phase_space: P must be a real double matrix with at least 3 rows');
  end
  if (any (isinf (P(:))))
    error ('hlnn:fin:data', 'fin_phase_space: P must not contain Inf (NaN marks a missing value)');
  end
  flags = {'Log', 'NoiseWarning'};
  for k = 1:numel (flags)
    v = opts.(flags{k});
    if (~(islogical (v) || isnumeric (v)) || ~isscalar (v) || ~isreal (v) || isnan (v))
      error ('hlnn:fin:option', 'fin_phase_space: %s must be true or false', flags{k});
    end
  end
  if (opts.Log && any (P(~isnan (P)) <= 0))
    error ('hlnn:fin:domain', 'fin_phase_space: P must be positive when Log is true');
  end
  if (~isempty (t))
    if (~isnumeric (t) || ~isreal (t) || ~isvector (t) || numel (t) ~= size (P, 1) ...
        || any (~isfinite (t)))
      error ('hlnn:fin:data', 'fin_phase_space: T must be a finite vector with one entry per row of P');
    end
    if (any (diff (t) <= 0))
      error ('hlnn:fin:data', 'fin_phase_space: T must be strictly increasing');
    end
  end
end

function ppy = periods_per_year (t, opts)
  ppy = opts.PeriodsPerYear;
  if (isempty (ppy))
    if (isempty (t))
      error ('hlnn:fin:option', 'fin_phase_space: give T or the PeriodsPerYear option');
    end
    ppy = 1 / median (diff (t(:)));
    if (abs (ppy - round (ppy)) < 1e-6 * ppy)
      ppy = round (ppy);
    end
  end
  if (~isnumeric (ppy) || ~isscalar (ppy) || ~(ppy > 0) || ~isfinite (ppy))
    error ('hlnn:fin:option', 'fin_phase_space: PeriodsPerYear must be a positive number');
  end
end

function [W, m, k, m2, win] = check_windows (opts, T)
  W = opts.VelocityWindow;
  m = opts.VelocityOrder;
  if (~isscalar (W) || W ~= fix (W) || W < 2 || W > T)
    error ('hlnn:fin:option', 'fin_phase_space: VelocityWindow must be an integer in [2, rows of P]');
  end
  if (~isscalar (m) || m ~= fix (m) || m < 1 || m >= W)
    error ('hlnn:fin:option', 'fin_phase_space: VelocityOrder must be an integer in [1, VelocityWindow-1]');
  end
  switch (lower (opts.LabelMethod))
    case 'central'
      k = 1;
      m2 = 2;
    case 'sg'
      L = opts.LabelWindow;
      m2 = opts.LabelOrder;
      if (~isscalar (L) || L ~= fix (L) || L < 3 || mod (L, 2) ~= 1)
        error ('hlnn:fin:option', 'fin_phase_space: LabelWindow must be an odd integer >= 3');
      end
      if (~isscalar (m2) || m2 ~= fix (m2) || m2 < 2 || m2 >= L)
        error ('hlnn:fin:option', 'fin_phase_space: LabelOrder must be an integer in [2, LabelWindow-1]');
      end
      k = (L - 1) / 2;
    otherwise
      error ('hlnn:fin:option', 'fin_phase_space: LabelMethod must be ''central'' or ''sg''');
  end
  win = opts.TrainWindow;
  if (isempty (win))
    win = [1 T];
  end
  if (~isnumeric (win) || numel (win) ~= 2 || any (win ~= fix (win)) || win(1) < 1 ...
      || win(2) > T || win(1) >= win(2))
    error ('hlnn:fin:window', 'fin_phase_space: TrainWindow must be [first last] rows with 1 <= first < last <= %d', T);
  end
  win = win(:)';
end

%!shared t, P
%! t = (0:299)' / 260;
%! P = 100 * exp (cumsum ([0 0; 0.01 * sin((1:299)' / 20 * [1 1.3])]));

%!test
%! % round trip: state -> prices recovers P to 1e-12 (relative)
%! prep = fin_phase_space (t, P, 'NoiseWarning', false);
%! Pr = fin_inverse (prep, prep.X(prep.valid, 1:2));
%! assert (max (max (abs (Pr ./ P(prep.valid, :) - 1))) < 1e-12);
%! prep = fin_phase_space (t, P, 'Log', false, 'TrainWindow', [10 200], 'NoiseWarning', false);
%! Pr = fin_inverse (prep, prep.X(prep.valid, 1:2));
%! assert (max (max (abs (Pr ./ P(prep.valid, :) - 1))) < 1e-12);

%!test
%! % W = 2, degree 1 is the backward difference; labels are centred differences
%! prep = fin_phase_space (t, P, 'VelocityWindow', 2, 'NoiseWarning', false);
%! q = log (P);
%! assert (prep.v(2:end, :), diff (q) * 260, 1e-9);
%! tau = prep.norm.dtau;
%! Q = prep.X(:, 1:2);
%! i = 50;
%! assert (prep.dX(i, :), (prep.X(i+1, :) - prep.X(i-1, :)) / (2 * tau), 1e-9);
%! assert (prep.Qdd(i, :), (Q(i+1, :) - 2 * Q(i, :) + Q(i-1, :)) / tau^2, 1e-6);
%! % Qd is dQ/dtau: the velocity in normalised units
%! assert (prep.X(i, 3:4), prep.v(i, :) ./ prep.norm.s * prep.norm.tscale, 1e-12);

%!test
%! % a straight line in log price: the causal slope is exact for any W
%! tt = (0:99)' / 12;
%! Pl = exp ([0.05 * tt, -0.02 * tt + 1]);
%! prep = fin_phase_space (tt, Pl, 'VelocityWindow', 7, 'VelocityOrder', 2, 'NoiseWarning', false);
%! assert (prep.norm.ppy, 12);
%! assert (prep.v(7:end, :), repmat ([0.05 -0.02], 94, 1), 1e-12);
%! assert (all (isnan (prep.v(1:6, 1))) && ~any (prep.valid(1:6)) && all (prep.valid(7:end)));

%!test
%! % normalisation uses the training window only; Qd has unit RMS there
%! prep = fin_phase_space (t, P, 'TrainWindow', [20 150], 'NoiseWarning', false);
%! q = log (P(20:150, :));
%! assert (prep.norm.mu, mean (q), 1e-12);
%! assert (prep.norm.s, std (q), 1e-12);
%! Qd = prep.X(20:150, 3:4);
%! assert (sqrt (mean (Qd(:) .^ 2)), 1, 1e-12);
%! assert (max (prep.train_rows), 150 - prep.reach);
%! assert (min (prep.train_rows) >= 20);

%!test
%! % velocity decay: a causal slope of white-noise increments over W = 3
%! % rows, (q(t) - q(t-2)) / 2, has lag-1 autocorrelation 1/2
%! randn ('state', 4);
%! prep = fin_phase_space ([], cumsum (randn (20000, 2)), 'Log', false, ...
%!                         'PeriodsPerYear', 12, 'VelocityWindow', 3, 'NoiseWarning', false);
%! assert (prep.velocity_decay, log (2) * 12, 0.03 * log (2) * 12);
%! X = prep.X(:, 3:4);
%! r = prep.train_rows;
%! phi = sum (sum (X(r - 1, :) .* X(r, :))) / sum (sum (X(r - 1, :) .^ 2));
%! assert (prep.velocity_decay, -log (phi) * 12, 1e-12);

%!test
%! % missing values: carried forward, never filled from the future
%! Pm = P;
%! Pm(1:3, 2) = NaN;
%! Pm(40:42, 1) = NaN;
%! prep = fin_phase_space (t, Pm, 'NoiseWarning', false);
%! assert (prep.P(40:42, 1), repmat (P(39, 1), 3, 1));
%! assert (all (isnan (prep.P(1:3, 2))));
%! assert (find (prep.valid, 1), 4 + 5 - 1);
%! assert (isequal (prep.observed, ~isnan (Pm)));

%!test
%! % no look-ahead: changing every row after k changes nothing up to k
%! k = 180;
%! P2 = P;
%! P2(k+1:end, :) = P2(k+1:end, :) .* exp (0.3 * randn (300 - k, 2));
%! a = fin_phase_space (t, P, 'TrainWindow', [1 k], 'NoiseWarning', false);
%! b = fin_phase_space (t, P2, 'TrainWindow', [1 k], 'NoiseWarning', false);
%! assert (isequal (a.norm, b.norm) && isequal (a.train_rows, b.train_rows));
%! assert (isequaln (a.X(1:k, :), b.X(1:k, :)) && isequaln (a.v(1:k, :), b.v(1:k, :)));
%! r = a.train_rows;
%! assert (isequal (a.dX(r, :), b.dX(r, :)) && isequal (a.Qdd(r, :), b.Qdd(r, :)));

%!warning <dominated by noise>
%! randn ('state', 1);
%! fin_phase_space ([], exp (cumsum (0.01 * randn (200, 1))), 'PeriodsPerYear', 260);

%!test
%! randn ('state', 1);
%! prep = fin_phase_space ([], exp (cumsum (0.01 * randn (2000, 1))), 'PeriodsPerYear', 260, 'NoiseWarning', false);
%! assert (abs (prep.noise_ratio - 1) < 0.1);
%! assert (prep.noise_ratio(1) > 0.5);

%!error <positive> fin_phase_space ([], [1; 2; -1; 3], 'PeriodsPerYear', 1)
%!error <give T or> fin_phase_space ([], [1; 2; 3; 4])
%!error <one entry per row> fin_phase_space (1:3, ones (4, 1))
%!error <strictly increasing> fin_phase_space ([1 2 2 3], (1:4)')
%!error <VelocityWindow> fin_phase_space ((1:10)', (1:10)', 'VelocityWindow', 1)
%!error <LabelWindow> fin_phase_space ((1:10)', (1:10)', 'LabelMethod', 'sg', 'LabelWindow', 4)
%!error <TrainWindow> fin_phase_space ((1:10)', (1:10)', 'TrainWindow', [5 11])
%!error <unknown option> fin_phase_space ((1:10)', (1:10)', 'Foo', 1)
%!error <constant> fin_phase_space ((1:10)', ones (10, 1))
%!error <Invalid call> fin_phase_space (1)

%!demo
%! D = fin_load_data ('eustockmarkets');
%! prep = fin_phase_space (D.t, D.P(:, 1), 'TrainWindow', [1 1000]);
%! plot (prep.X(:, 1), prep.X(:, 2), '.'); xlabel ('Q (normalised log DAX)'); ylabel ('dQ/dtau');
%! title (sprintf ('phase space, tau = %.3g years', prep.norm.tscale));
