% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{R} =} fin_backtest (@var{t}, @var{P})
% @deftypefnx {hlnn} {@var{R} =} fin_backtest (@var{t}, @var{P}, @var{name}, @var{value}, @dots{})
% Walk-forward out-of-sample evaluation of learned dynamics (HNN, LNN,
% plain MLP) against naive baselines, with a significance test.
%
% @var{P} is T x n prices or levels (rows = time), @var{t} the times in
% years or @code{[]} (see @code{fin_phase_space}).  For every fold of
% @code{fin_split}: the phase-space normalisation is fitted on the fold's
% training window, every model is fitted on it (learned models on
% @code{prep.train_rows}, baselines by least squares on the window) and
% forecasts are made from every test row with a valid state to each
% horizon.  Forecast errors of all folds are pooled, in time order.
% Nothing computed for an origin uses a row after it, apart from the
% realised value it is scored against.
%
% Scores, per model and horizon, on q = log price (or the level when
% @qcode{'Log'} is false in @qcode{'PhaseSpace'}), pooled over the n
% series:
% @table @asis
% @item RMSE, MAE
% of the forecast error of q.
% @item Theil's U
% RMSE / RMSE of the random walk (U < 1: better than the last value).
% @item DA
% directional accuracy: the share of forecasts whose predicted change
% has the sign of the realised change (zero changes left out; NaN for the
% random walk, which predicts none).  @code{R.da_drift} is the drift
% model's, the benchmark for DA.
% @item DM, p
% Diebold--Mariano statistic and two-sided p-value against the random
% walk on squared errors, HAC variance (@code{fin_dm_test}); DM < 0 means
% smaller errors than the random walk.
% @item QLIKE
% with @qcode{'QLIKE'} true, for volatility series:
% mean(s2/f2 - log(s2/f2) - 1), s2 and f2 the squared realised and
% forecast levels (volatilities).
% @end table
%
% Options (name/value pairs or a struct):
% @table @asis
% @item @qcode{'Models'}
% cell of names: baselines @qcode{'rw'}, @qcode{'drift'}, @qcode{'ar1'},
% @qcode{'vasicek'}, @qcode{'ewma'}, @qcode{'har'} (see
% @code{fin_baseline}) and learned @qcode{'mlp'}, @qcode{'hnn'},
% @qcode{'lnn'} (see @code{fin_fit}), each also as a dissipative variant
% @qcode{'mlp-d'}, @qcode{'hnn-d'}, @qcode{'lnn-d'}: the same fitted
% model (trained once per fold) forecasting with the extra dissipation
% -Gamma p of @code{fin_forecast}.  Default: rw, drift, ar1, mlp, and hnn
% and lnn when installed.
% @item @qcode{'Horizons'}
% default [1 5 20] (rows)
% @item @qcode{'Folds'}
% a struct array from @code{fin_split}
% @item @qcode{'Split'}
% options for @code{fin_split} when Folds is
% not given (default: expanding, TrainSize 0.5, NumFolds 4)
% @item @qcode{'PhaseSpace'}
% options for @code{fin_phase_space}
% @item @qcode{'Fit'}
% options for @code{fin_fit} (Hidden, Steps, @dots{})
% @item @qcode{'Gamma'}
% the dissipation of the -d variants, 1/years.  Default @code{[]}: fitted
% on each fold's training window as the decay rate of the velocity
% (@code{prep.velocity_decay}, see @code{fin_phase_space}); stored in
% @code{R.gamma} per fold.
% @item @qcode{'Baseline'}
% options for @code{fin_baseline} (Lambda, HARWindows)
% @item @qcode{'QLIKE'}
% default false
% @item @qcode{'DMLag'}
% HAC lag (default: fin_dm_test's rule)
% @item @qcode{'Names'}
% series names for the per-series table
% @item @qcode{'Verbose'}
% print progress and the table (default true)
% @end table
%
% @var{R} holds the table as fields (@code{models}, @code{horizons},
% @code{rmse}, @code{mae}, @code{theil_u}, @code{da}, @code{da_drift},
% @code{dm}, @code{dm_p}, @code{qlike}: M x H; @code{rmse_series}:
% M x H x n; @code{n_forecasts} per horizon and @code{n_valid}, M x H,
% the finite forecasts each model is scored on: a learned model whose
% path fails at some origins (NaN, see @code{fin_forecast}) is scored,
% against the random walk, on the others), the raw material (@code{origin},
% @code{actual}, @code{q0}: one cell per horizon; @code{forecast}: M x H
% cell), the folds, @code{noise_ratio} per fold, @code{verdict} (one
% sentence per learned model), @code{table} (the printed text), @code{P}
% and @code{q} (after carrying missing values forward), @code{last}
% (prep and fitted models of the last fold) and @code{seconds} per model.
% Learned models that do not beat the random walk are reported as such.
% @seealso{fin_split, fin_phase_space, fin_fit, fin_forecast, fin_baseline, fin_dm_test, fin_allocate}
% @end deftypefn
function R = fin_backtest (t, P, varargin)
  hlnn_check_nargin (nargin, 2, Inf, 'fin_backtest');
  defaults = struct ('Models', {{}}, 'Horizons', [1 5 20], 'Folds', [], ...
                     'Split', {{}}, 'PhaseSpace', {{}}, 'Fit', {{}}, 'Gamma', [], ...
                     'Baseline', {{}}, 'QLIKE', false, 'DMLag', [], ...
                     'Names', {{}}, 'Verbose', true);
  o = hlnn_options (defaults, 'fin', 'fin_backtest', varargin);
  % fin_phase_space checks the values; the shape is needed before that
  if (~isnumeric (P) || ~isreal (P) || ndims (P) ~= 2 || size (P, 1) < 3)
    error ('hlnn:fin:data', 'fin_backtest: P must be a real T x n matrix of prices, T >= 3');
  end
  T = size (P, 1);
  n = size (P, 2);
  models = model_list (o.Models);
  M = numel (models);
  H = o.Horizons(:)';
  if (~isnumeric (H) || isempty (H) || any (H ~= fix (H)) || any (H < 1))
    error ('hlnn:fin:horizon', 'fin_backtest: Horizons must be positive integers');
  end
  folds = o.Folds;
  if (isempty (folds))
    split = [{'Method', 'expanding', 'TrainSize', 0.5, 'NumFolds', 4}, ...
             as_pairs(o.Split, 'Split')];
    folds = fin_split (T, split{:});
  elseif (~isstruct (folds) || ~isfield (folds, 'train') || ~isfield (folds, 'test'))
    error ('hlnn:fin:split', 'fin_backtest: Folds must come from fin_split');
  end
  ps = as_pairs (o.PhaseSpace, 'PhaseSpace');
  fit = as_pairs (o.Fit, 'Fit');
  bl = as_pairs (o.Baseline, 'Baseline');
  names = o.Names;
  if (isempty (names))
    names = arrayfun (@(j) sprintf ('s%d', j), 1:n, 'UniformOutput', false);
  end

  K = numel (folds);
  origin = cell (1, numel (H));
  actual = cell (1, numel (H));
  q0 = cell (1, numel (H));
  fc = cell (M, numel (H));
  ref = cell (2, numel (H));             % rw and drift, always computed
  noise = NaN (K, n);
  gam = NaN (K, 1);
  if (~isempty (o.Gamma) && (~isnumeric (o.Gamma) || ~isscalar (o.Gamma) ...
                             || ~(o.Gamma >= 0) || ~isfinite (o.Gamma)))
    error ('hlnn:fin:option', 'fin_backtest: Gamma must be [] or a finite number >= 0');
  end
  secs = zeros (M, 1);
  last = struct ();
  for f = 1:K
    a = folds(f).train(1);
    b = folds(f).train(end);
    tf = tic ();
    prep = fin_phase_space (t, P, ps{:}, 'TrainWindow', [a b], 'NoiseWarning', false);
    noise(f, :) = prep.noise_ratio;
    test = folds(f).test(:);
    test = test(test <= T);
    orig = test(prep.valid(test));
    if (isempty (orig))
      continue;
    end
    afit = max (a, find (all (isfinite (prep.q), 2), 1));
    base = {'Log', prep.norm.log, 'PeriodsPerYear', prep.norm.ppy, bl{:}};
    if (isempty (o.Gamma))
      gam(f) = prep.velocity_decay;
    else
      gam(f) = o.Gamma;
    end
    Q = cell (M, 1);
    fitted = struct ();
    for m = 1:M
      tm = tic ();
      kind = strrep (models{m}, '-d', '');
      if (any (strcmp (kind, {'mlp', 'hnn', 'lnn'})))
        if (~isfield (fitted, kind))
          fitted.(kind) = fin_fit (kind, prep, fit{:});
        end
        g = 0;
        if (numel (kind) < numel (models{m}))
          g = gam(f);
        end
        F = fin_forecast (fitted.(kind), prep, orig, H, 'Gamma', g);
        Q{m} = F.q;
      else
        Q{m} = fin_baseline (models{m}, prep.q, [afit b], orig, H, base{:});
      end
      secs(m) = secs(m) + toc (tm);
    end
    Qrw = fin_baseline ('rw', prep.q, [afit b], orig, H);
    Qdr = fin_baseline ('drift', prep.q, [afit b], orig, H);
    for i = 1:numel (H)
      keep = orig + H(i) <= T;
      origin{i} = [origin{i}; orig(keep)];
      actual{i} = [actual{i}; prep.q(orig(keep) + H(i), :)];
      q0{i} = [q0{i}; prep.q(orig(keep), :)];
      for m = 1:M
        fc{m, i} = [fc{m, i}; Q{m}(keep, :, i)];
      end
      ref{1, i} = [ref{1, i}; Qrw(keep, :, i)];
      ref{2, i} = [ref{2, i}; Qdr(keep, :, i)];
    end
    last = struct ('prep', prep, 'models', fitted, 'fold', f);
    if (o.Verbose)
      fprintf ('fin_backtest: fold %d/%d  train %d..%d  test %d..%d  (%d origins)  %.1f s\n', ...
               f, K, a, b, orig(1), orig(end), numel (orig), toc (tf));
    end
  end

  R = struct ();
  R.models = models;
  R.horizons = H;
  R.names = names;
  R.folds = folds;
  R.log = prep.norm.log;
  R.ppy = prep.norm.ppy;
  R.t = prep.t;
  R.P = prep.P;
  R.q = prep.q;
  R.origin = origin;
  R.actual = actual;
  R.q0 = q0;
  R.forecast = fc;
  R.noise_ratio = noise;
  R.gamma = gam;
  R.seconds = secs;
  R.last = last;
  R.options = o;
  R = score (R, ref, o);
  R.verdict = verdicts (R);
  R.table = format_table (R, o.QLIKE);
  if (o.Verbose)
    fprintf ('%s', R.table);
  end
  if (any (noise(:) > 0.5))
    warning ('hlnn:fin:noisy', ...
             ['fin_backtest: second-difference labels are dominated by noise ', ...
              '(noise ratio up to %.2f; 1 = independent increments)'], max (noise(:)));
  end
end

function R = score (R, ref, o)
  M = numel (R.models);
  H = R.horizons;
  n = size (R.q, 2);
  z = NaN (M, numel (H));
  R.rmse = z; R.mae = z; R.theil_u = z; R.da = z; R.dm = z; R.dm_p = z; R.qlike = z;
  R.rmse_series = NaN (M, numel (H), n);
  R.da_drift = NaN (1, numel (H));
  R.n_forecasts = cellfun (@(x) size (x, 1), R.origin);
  R.n_valid = zeros (M, numel (H));
  for i = 1:numel (H)
    y = R.actual{i};
    if (isempty (y))
      continue;
    end
    R.da_drift(i) = direction (ref{2, i} - R.q0{i}, y - R.q0{i});
    for m = 1:M
      % a learned model may fail on some origins (NaN): it is scored on
      % the others, and so is the random walk it is compared with
      ok = all (isfinite (R.forecast{m, i}), 2);
      R.n_valid(m, i) = nnz (ok);
      if (~any (ok))
        continue;
      end
      yk = y(ok, :);
      fk = R.forecast{m, i}(ok, :);
      erw = ref{1, i}(ok, :) - yk;
      e = fk - yk;
      R.rmse(m, i) = sqrt (mean (e(:) .^ 2));
      R.mae(m, i) = mean (abs (e(:)));
      R.rmse_series(m, i, :) = sqrt (mean (e .^ 2, 1));
      R.theil_u(m, i) = R.rmse(m, i) / sqrt (mean (erw(:) .^ 2));
      R.da(m, i) = direction (fk - R.q0{i}(ok, :), yk - R.q0{i}(ok, :));
      [R.dm(m, i), R.dm_p(m, i)] = fin_dm_test (e, erw, H(i), 'Lag', o.DMLag);
      if (o.QLIKE)
        if (R.log)
          r = exp (2 * (yk - fk));
        else
          r = (yk ./ fk) .^ 2;
        end
        R.qlike(m, i) = mean (r(:) - log (r(:)) - 1);
      end
    end
  end
end

function a = direction (dp, da)
  ok = dp ~= 0 & da ~= 0 & isfinite (dp);
  if (any (ok(:)))
    a = mean (sign (dp(ok)) == sign (da(ok)));
  else
    a = NaN;
  end
end

function v = verdicts (R)
  v = {};
  for m = 1:numel (R.models)
    if (~is_learned (R.models{m}))
      continue;
    end
    parts = {};
    for i = 1:numel (R.horizons)
      u = R.theil_u(m, i);
      p = R.dm_p(m, i);
      if (~isfinite (u))
        s = 'no forecasts';
      elseif (u < 1 && p < 0.05)
        s = sprintf ('beats the random walk (U %s, DM p %.2g)', num (u, '%.3f', 1e3), p);
      elseif (u < 1)
        s = sprintf ('lower RMSE than the random walk but not significant (U %s, DM p %.2g)', num (u, '%.3f', 1e3), p);
      elseif (p < 0.05)
        s = sprintf ('does NOT beat the random walk: significantly worse (U %s, DM p %.2g)', num (u, '%.3f', 1e3), p);
      else
        s = sprintf ('does NOT beat the random walk (U %s, DM p %.2g)', num (u, '%.3f', 1e3), p);
      end
      if (R.n_valid(m, i) < R.n_forecasts(i))
        s = sprintf ('%s [finite forecasts at only %d of %d origins]', s, ...
                     R.n_valid(m, i), R.n_forecasts(i));
      end
      parts{end+1} = sprintf ('h=%d %s', R.horizons(i), s);
    end
    v{end+1} = sprintf ('%s: %s', upper (R.models{m}), strjoin (parts, '; '));
  end
end

function s = format_table (R, qlike)
  nf = numel (R.folds);
  s = sprintf (['Walk-forward out-of-sample backtest: %d fold(s), %d series, ', ...
                'errors in %s\n'], nf, size (R.q, 2), ternary (R.log, 'log level', 'level'));
  hdr = sprintf ('%4s  %-8s %6s %10s %10s %8s %6s %8s %9s', 'h', 'model', 'N', ...
                 'RMSE', 'MAE', 'TheilU', 'DA', 'DM(RW)', 'p(DM)');
  if (qlike)
    hdr = [hdr sprintf(' %9s', 'QLIKE')];
  end
  s = [s hdr sprintf('\n')];
  for i = 1:numel (R.horizons)
    for m = 1:numel (R.models)
      line = sprintf ('%4d  %-8s %6d %10s %10s %8s %6s %8s %9s', R.horizons(i), ...
                      R.models{m}, R.n_valid(m, i), num (R.rmse(m, i), '%.5f', 1e4), ...
                      num (R.mae(m, i), '%.5f', 1e4), num (R.theil_u(m, i), '%.4f', 1e3), ...
                      num (R.da(m, i), '%.3f'), num (R.dm(m, i), '%.2f', 1e4), ...
                      num (R.dm_p(m, i), '%.3g'));
      if (qlike)
        line = [line sprintf(' %9s', num (R.qlike(m, i), '%.5f', 1e3))];
      end
      s = [s line sprintf('\n')];
    end
    s = [s sprintf('      (DA of the drift benchmark at h=%d: %s)\n', R.horizons(i), ...
                   num (R.da_drift(i), '%.3f'))];
  end
  for k = 1:numel (R.verdict)
    s = [s R.verdict{k} sprintf('\n')];
  end
end

% x in format fmt, '-' when not finite, %.3g from magnitude big on
function s = num (x, fmt, big)
  if (~isfinite (x))
    s = '-';
  elseif (nargin > 2 && abs (x) >= big)
    s = sprintf ('%.3g', x);
  else
    s = sprintf (fmt, x);
  end
end

function r = ternary (c, a, b)
  if (c)
    r = a;
  else
    r = b;
  end
end

function models = model_list (models)
  known = {'rw', 'drift', 'ar1', 'vasicek', 'ewma', 'har', 'mlp', 'hnn', 'lnn', ...
           'mlp-d', 'hnn-d', 'lnn-d'};
  if (isempty (models))
    models = {'rw', 'drift', 'ar1', 'mlp', 'hnn', 'lnn'};
  end
  if (ischar (models))
    models = {models};
  end
  if (~iscellstr (models))
    error ('hlnn:fin:model', 'fin_backtest: Models must be a cell array of names');
  end
  models = lower (models(:)');
  for m = 1:numel (models)
    if (~any (strcmp (models{m}, known)))
      error ('hlnn:fin:model', 'fin_backtest: unknown model ''%s''; known: %s', ...
             models{m}, strjoin (known, ', '));
    end
  end
end

function t = is_learned (name)
  t = any (strcmp (name, {'mlp', 'hnn', 'lnn', 'mlp-d', 'hnn-d', 'lnn-d'}));
end

function c = as_pairs (x, name)
  if (isstruct (x))
    f = fieldnames (x);
    c = cell (1, 2 * numel (f));
    for k = 1:numel (f)
      c{2*k-1} = f{k};
      c{2*k} = x.(f{k});
    end
  elseif (iscell (x))
    c = x(:)';
  else
    error ('hlnn:fin:option', 'fin_backtest: %s must be a struct or a cell of name/value pairs', name);
  end
end

%!shared t, P
%! randn ('state', 7);
%! t = (0:499)' / 260;
%! P = 100 * exp (cumsum (0.01 * randn (500, 2)));

%!test
%! warning ('off', 'hlnn:fin:noisy', 'local');
%! % baselines only: RW scores U = 1 and no DM; pooled origins are in time order
%! R = fin_backtest (t, P, 'Models', {'rw', 'drift', 'ar1'}, 'Horizons', [1 5], ...
%!                   'Split', {'TrainSize', 300, 'NumFolds', 2}, 'Verbose', false);
%! assert (R.theil_u(1, :), [1 1]);
%! assert (all (isnan (R.dm(1, :))) && all (isnan (R.da(1, :))));
%! assert (all (diff (R.origin{1}) > 0));
%! assert (R.origin{1}(1), 301);
%! assert (R.n_forecasts, [199 195]);
%! % RW forecast = last value; actual = the value h rows later
%! assert (R.forecast{1, 2}, log (P(R.origin{2}, :)));
%! assert (R.actual{2}, log (P(R.origin{2} + 5, :)));
%! % RMSE by hand for the drift model at h = 5
%! e = R.forecast{2, 2} - R.actual{2};
%! assert (R.rmse(2, 2), sqrt (mean (e(:) .^ 2)), 1e-15);
%! [s, p] = fin_dm_test (e, R.forecast{1, 2} - R.actual{2}, 5);
%! assert ([R.dm(2, 2) R.dm_p(2, 2)], [s p]);

%!test
%! warning ('off', 'hlnn:fin:noisy', 'local');
%! % a learned model through the same pipeline; QLIKE on a positive series
%! R = fin_backtest (t, P, 'Models', {'rw', 'mlp'}, 'Horizons', 2, 'QLIKE', true, ...
%!                   'Split', {'Method', 'holdout', 'TrainSize', 400}, ...
%!                   'Fit', {'Hidden', 8, 'Steps', 20}, 'Verbose', false);
%! assert (isfield (R.last.models, 'mlp'));
%! assert (R.qlike(1), mean (mean (exp (2 * (R.actual{1} - R.forecast{1}))  ...
%!   - 2 * (R.actual{1} - R.forecast{1}) - 1)), 1e-12);
%! assert (numel (R.verdict), 1);
%! % the dissipative variant reuses the fitted model with Gamma per fold
%! R2 = fin_backtest (t, P, 'Models', {'mlp', 'mlp-d'}, 'Horizons', 2, 'Gamma', 3, ...
%!                    'Split', {'Method', 'holdout', 'TrainSize', 400}, ...
%!                    'Fit', {'Hidden', 8, 'Steps', 20}, 'Verbose', false);
%! assert (isequal (R2.forecast{1}, R.forecast{2}));
%! F = fin_forecast (R2.last.models.mlp, R2.last.prep, R2.origin{1}, 2, 'Gamma', 3);
%! assert (isequal (R2.forecast{2}, F.q));
%! assert (R2.gamma, 3);
%! % default Gamma: the velocity's decay on each fold's training rows
%! R3 = fin_backtest (t, P, 'Models', {'rw'}, 'Horizons', 1, 'Verbose', false, ...
%!                    'Split', {'Method', 'holdout', 'TrainSize', 400});
%! p = fin_phase_space (t, P, 'TrainWindow', [1 400], 'NoiseWarning', false);
%! assert (R3.gamma, p.velocity_decay);
%! assert (R3.gamma > 0);
%! assert (~isempty (strfind (R.verdict{1}, 'random walk')));
%! assert (~isempty (strfind (R.table, 'TheilU')));

%!error <unknown model> fin_backtest (t, P, 'Models', {'rw', 'garch'})
%!error <Horizons> fin_backtest (t, P, 'Horizons', 0)
%!error <Folds must come> fin_backtest (t, P, 'Folds', 3)
%!error <Invalid call> fin_backtest (t)

%!demo
%! D = fin_load_data ('eustockmarkets');
%! R = fin_backtest (D.t, D.P, 'Models', {'rw', 'drift', 'ar1', 'mlp'}, ...
%!                   'Split', {'TrainSize', 1400, 'NumFolds', 2}, ...
%!                   'Fit', {'Steps', 200}, 'Names', D.names);
