% finance_volatility.m -- volatility as the state: learned dynamics
% against the random walk, a mean-reverting AR(1), EWMA and HAR, scored
% with QLIKE.
%
% From the daily closes of DAX, SMI, CAC and FTSE (examples/data/
% eustockmarkets) the realised volatility of each index over the last 20
% business days, sigma(t) = sqrt (260 * mean (r(t-19..t).^2)) with r the
% daily log returns, is the series; q = log sigma, velocity = causal
% 5-day slope of log sigma, one joint model for the four indices.
% Walk-forward at 1, 5 and 20 days (at h = 20 the forecast window no
% longer overlaps the 20 returns known at the origin).  Baselines: random
% walk (today's sigma), 'vasicek' (AR(1) on log sigma: mean reversion),
% EWMA (RiskMetrics: lambda 0.94 on the squared annualised daily
% returns) and HAR on log sigma (1, 5, 22 days).
% QLIKE = mean (s2/f2 - log (s2/f2) - 1) on realised vs forecast
% variance.  Writes examples/figures/finance_volatility.png.
%
% Short settings by default (2 folds, width 32, 300 Adam steps on
% minibatches of 256); HLNN_FULL=1 (or full_run = true) for the
% full walk-forward (6 folds, width 64, 2000 steps).
if (~exist ('full_run', 'var'))
  full_run = strcmp (getenv ('HLNN_FULL'), '1');
end
D = fin_load_data ('eustockmarkets');
w = 20;
r = diff (log (D.P));
c = [zeros(1, size (r, 2)); cumsum(r .^ 2)];
sig = sqrt (260 * (c(w+1:end, :) - c(1:end-w, :)) / w);   % rows w+1..T of D.P
tv = D.t(w+1:end);
ret = sqrt (260) * r(w:end, :);          % the latest daily return at each row
models = {'rw', 'vasicek', 'ewma', 'har', 'mlp', 'mlp-d', 'hnn', 'lnn', 'lnn-d'};
if (full_run)
  split = {'Method', 'expanding', 'TrainSize', 920, 'NumFolds', 6};
  fit = {'Hidden', [64 64], 'Steps', 2000, 'Batch', 256};
else
  split = {'Method', 'expanding', 'TrainSize', 1380, 'NumFolds', 2};
  fit = {'Hidden', [32 32], 'Steps', 300, 'Batch', 256};
end
fprintf ('20-day realised volatility of %s: %d rows, full settings: %d\n', ...
         strjoin (D.names, ', '), size (sig, 1), full_run);
fprintf ('annualised volatility: mean %s, min %s, max %s\n', mat2str (mean (sig), 3), ...
         mat2str (min (sig), 3), mat2str (max (sig), 3));
R = fin_backtest (tv, sig, 'Models', models, 'Horizons', [1 5 20], ...
                  'Split', split, 'PhaseSpace', {'Log', true, 'VelocityWindow', 5}, ...
                  'Fit', fit, 'QLIKE', true, 'Names', D.names, ...
                  'Baseline', {'Lambda', 0.94, 'EWMAInput', ret, 'HARWindows', [1 5 22]});
fprintf ('dissipation gamma of the -d variants, fitted per fold (1/years): %s\n', ...
         mat2str (R.gamma', 3));
if (isfield (R.last.models, 'hnn'))
  fprintf ('HNN learned dissipation, last fold: %.2f/yr\n', ...
           R.last.models.hnn.gamma / R.last.prep.norm.tscale);
end
[~, best] = min (R.qlike, [], 1);
for i = 1:numel (R.horizons)
  fprintf ('lowest QLIKE at h = %d: %s (%.5f; random walk %.5f)\n', R.horizons(i), ...
           R.models{best(i)}, R.qlike(best(i), i), R.qlike(1, i));
end

fig = figure ('visible', 'off', 'position', [0 0 960 420]);
subplot (1, 2, 1);
semilogy (R.horizons, R.qlike', 'o-');
legend (R.models, 'location', 'northwest');
xlabel ('horizon (business days)');
ylabel ('QLIKE (lower is better)');
title ('out-of-sample QLIKE');
subplot (1, 2, 2);
i = find (R.horizons == 20);
tt = tv(R.origin{i} + 20);
im = [find(strcmp (R.models, 'har')), find(strcmp (R.models, 'mlp'))];
plot (tt, exp (R.actual{i}(:, 1)), 'k-', tt, exp (R.forecast{1, i}(:, 1)), ':', ...
      tt, exp (R.forecast{im(1), i}(:, 1)), '-', tt, exp (R.forecast{im(2), i}(:, 1)), '-');
legend ('realised', 'rw', 'har', 'mlp', 'location', 'northwest');
xlabel ('year');
ylabel ('DAX 20-day volatility (annualised)');
title ('20-day-ahead forecasts');
out = fullfile (fileparts (mfilename ('fullpath')), 'figures', 'finance_volatility.png');
print (fig, out, '-dpng', '-r80');
fprintf ('wrote %s\n', out);
