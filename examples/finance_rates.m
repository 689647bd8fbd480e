% finance_rates.m -- dissipative learned dynamics on US Treasury yields,
% against AR(1) and a Vasicek-style mean-reverting fit.
%
% Monthly 1, 3, 5 and 10-year constant-maturity yields 1953-1999
% (examples/data/ust-tcm-monthly), in percent, one joint model for the
% four maturities: the state is (normalised yield, causal 3-month slope).
% Walk-forward with expanding windows at horizons of 1, 6 and 12 months.
% Learned models (MLP, and HNN and LNN where installed) forecast with
% their own field (the HNN's includes a learned dissipation -gamma p, see
% fin_fit) and, as the -d variants of the MLP and LNN, with the extra
% dissipation -gamma p, gamma fitted on each training window from the
% decay of the velocity (fin_backtest's 'Gamma' default).  Baselines: random walk,
% AR(1) on monthly changes, and the Vasicek fit (AR(1) on levels, the
% exact discretisation of dr = kappa (theta - r) dt + sigma dW).  Errors
% are in percentage points of yield.  Writes
% examples/figures/finance_rates.png.
%
% Short settings by default; HLNN_FULL=1 (or full_run = true) for the
% full walk-forward (6 folds, width 64, 2000 steps).
if (~exist ('full_run', 'var'))
  full_run = strcmp (getenv ('HLNN_FULL'), '1');
end
D = fin_load_data ('ust-tcm-monthly');
models = {'rw', 'ar1', 'vasicek', 'mlp', 'mlp-d', 'hnn', 'lnn', 'lnn-d'};
if (full_run)
  split = {'Method', 'expanding', 'TrainSize', 279, 'NumFolds', 6};
  fit = {'Hidden', [64 64], 'Steps', 2000};
else
  split = {'Method', 'expanding', 'TrainSize', 279, 'NumFolds', 2};
  fit = {'Hidden', [32 32], 'Steps', 500};
end
fprintf ('%s: %d months x %d maturities (%s), full settings: %d\n', D.source, ...
         size (D.P, 1), size (D.P, 2), strjoin (D.names, ', '), full_run);
R = fin_backtest (D.t, D.P, 'Models', models, 'Horizons', [1 6 12], ...
                  'Split', split, 'PhaseSpace', {'Log', false, 'VelocityWindow', 3}, ...
                  'Fit', fit, 'Names', D.names);
fprintf ('dissipation gamma of the -d variants, fitted per fold (1/years): %s\n', ...
         mat2str (R.gamma', 3));
if (isfield (R.last.models, 'hnn'))
  fprintf ('HNN learned dissipation, last fold: %.2f/yr\n', ...
           R.last.models.hnn.gamma / R.last.prep.norm.tscale);
end

% the Vasicek parameters on the last training window
f = R.folds(end);
[~, par] = fin_baseline ('vasicek', D.P, f.train([1 end]), f.test(1), 1, 'PeriodsPerYear', 12);
fprintf ('\nVasicek fit on months %d..%d (%.0f-%.0f):\n', f.train([1 end]), ...
         floor (D.t(f.train([1 end]))));
for j = 1:numel (D.names)
  fprintf ('  %-7s kappa %.3f/yr  theta %5.2f%%  half-life %5.1f yr\n', D.names{j}, ...
           par.kappa(j), par.theta(j), par.half_life(j));
end
fprintf ('\nTheil''s U per maturity at h = 12:\n');
i12 = find (R.horizons == 12);
for m = 2:numel (R.models)
  fprintf ('  %-8s', R.models{m});
  fprintf (' %8.4g', squeeze (R.rmse_series(m, i12, :) ./ R.rmse_series(1, i12, :)));
  fprintf ('\n');
end

fig = figure ('visible', 'off', 'position', [0 0 960 420]);
subplot (1, 2, 1);
plot (R.horizons, R.theil_u', 'o-');
hold on;
plot (R.horizons([1 end]), [1 1], 'k--');
hold off;
legend (R.models, 'location', 'northwest');
xlabel ('horizon (months)');
ylabel ('Theil''s U (vs random walk)');
title ('out-of-sample RMSE ratio, yields');
subplot (1, 2, 2);
o = R.origin{i12};
tt = D.t(o + 12);
im = [find(strcmp (R.models, 'vasicek')), find(strcmp (R.models, 'mlp-d'))];
plot (tt, R.actual{i12}(:, 4), 'k-', tt, R.forecast{1, i12}(:, 4), ':', ...
      tt, R.forecast{im(1), i12}(:, 4), '-', tt, R.forecast{im(2), i12}(:, 4), '-');
legend ('realised', 'rw', 'vasicek', 'mlp-d', 'location', 'northeast');
xlabel ('year');
ylabel ('10-year yield, %');
title ('12-month-ahead forecasts');
out = fullfile (fileparts (mfilename ('fullpath')), 'figures', 'finance_rates.png');
print (fig, out, '-dpng', '-r80');
fprintf ('wrote %s\n', out);
