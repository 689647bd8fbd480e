% finance_eustock_trend.m -- do learned dynamics forecast European stock
% indices better than a random walk?
%
% Daily DAX, SMI, CAC and FTSE closes 1991-1998 (examples/data/
% eustockmarkets), one joint model for the four indices: the state is
% (normalised log price, causal 5-day slope), see fin_phase_space.  A
% walk-forward backtest with expanding windows scores a plain MLP, an
% HNN and an LNN (those installed), each with its own field (the HNN's
% includes a learned dissipation -gamma p, see fin_fit) and, as the -d
% variants of the MLP and LNN, with the dissipation -gamma p added
% (gamma = the velocity decay of each training window), against the
% random walk, the random walk with drift and an AR(1) on daily returns
% at horizons of 1, 5 and
% 20 business days: RMSE/MAE of log price, Theil's U, directional
% accuracy and the Diebold-Mariano test against the random walk.  The
% h = 1 and h = 5 forecasts then drive a long-only mean-variance
% allocation with 10 bp costs, compared with 1/N and buy-and-hold.
% Writes examples/figures/finance_eustock_trend.png.
%
% Short settings by default (2 folds, width 32, 300 Adam steps on
% minibatches of 256: about a minute); the full walk-forward
% (6 folds from the middle of the sample, width 64, 2000 steps) runs
% with HLNN_FULL=1 in the environment or full_run = true before run().
if (~exist ('full_run', 'var'))
  full_run = strcmp (getenv ('HLNN_FULL'), '1');
end
D = fin_load_data ('eustockmarkets');
models = {'rw', 'drift', 'ar1', 'mlp', 'mlp-d', 'hnn', 'lnn', 'lnn-d'};
if (full_run)
  split = {'Method', 'expanding', 'TrainSize', 930, 'NumFolds', 6};
  fit = {'Hidden', [64 64], 'Steps', 2000, 'Batch', 256};
else
  split = {'Method', 'expanding', 'TrainSize', 1400, 'NumFolds', 2};
  fit = {'Hidden', [32 32], 'Steps', 300, 'Batch', 256};
end
fprintf ('%s: %d rows x %d indices (%s), full settings: %d\n', D.source, ...
        size (D.P, 1), size (D.P, 2), strjoin (D.names, ', '), full_run);
R = fin_backtest (D.t, D.P, 'Models', models, 'Horizons', [1 5 20], ...
                  'Split', split, 'PhaseSpace', {'Log', true, 'VelocityWindow', 5}, ...
                  'Fit', fit, 'Names', D.names);

fprintf ('\nTheil''s U per index (RMSE / random walk RMSE):\n%-8s %4s', 'model', 'h');
fprintf (' %8s', D.names{:});
fprintf ('\n');
for i = 1:numel (R.horizons)
  for m = 2:numel (R.models)
    fprintf ('%-8s %4d', R.models{m}, R.horizons(i));
    fprintf (' %8.4g', squeeze (R.rmse_series(m, i, :) ./ R.rmse_series(1, i, :)));
    fprintf ('\n');
  end
end
fprintf ('noise ratio of the acceleration labels per fold (1 = pure noise):\n');
disp (R.noise_ratio);

fprintf ('\n');
A1 = fin_allocate (R, 'Horizon', 1);
A5 = fin_allocate (R, 'Horizon', 5);

fig = figure ('visible', 'off', 'position', [0 0 960 420]);
subplot (1, 2, 1);
plot (R.horizons, R.theil_u', 'o-');
hold on;
plot (R.horizons([1 end]), [1 1], 'k--');
hold off;
legend (R.models, 'location', 'northwest');
xlabel ('horizon (business days)');
ylabel ('Theil''s U (vs random walk)');
title ('out-of-sample RMSE ratio');
subplot (1, 2, 2);
plot (D.t(A1.dates), A1.wealth);
legend (A1.names, 'location', 'northwest');
xlabel ('year');
ylabel ('wealth (h = 1, mean-variance, 10 bp)');
title ('allocation backtest');
out = fullfile (fileparts (mfilename ('fullpath')), 'figures', 'finance_eustock_trend.png');
print (fig, out, '-dpng', '-r80');
fprintf ('wrote %s\n', out);
