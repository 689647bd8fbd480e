% finance_stress.m -- scenario fan of US Treasury yields from shocked
% states: what the fitted dynamics do after a shock.  Scenarios, not
% probabilities.
%
% The dynamics are fitted on monthly 1/3/5/10-year yields 1953-1999
% (examples/data/ust-tcm-monthly; state = yield and causal 3-month
% slope; dissipation: the HNN's own learned rate, and for the MLP and LNN
% gamma = the velocity decay of the training data, the -d variants),
% and from the last month (September 1999) each scenario shocks the
% curve (in percentage points) or its velocity (percentage points per
% year) and integrates 24 months ahead: a deterministic path under the
% stated shock, with no probability attached.  The Vasicek fit (AR(1) on
% levels, per maturity) gives the classical mean-reverting response for
% comparison; it has no velocity, so a velocity shock does not move it.
% How far to trust any of these paths is what the models' out-of-sample
% record says: a holdout backtest (train to 1986, test after) at the same
% settings is printed first.  Writes examples/figures/finance_stress.png.
%
% Short settings by default; HLNN_FULL=1 (or full_run = true) trains the
% networks longer (2000 steps, width 64).
if (~exist ('full_run', 'var'))
  full_run = strcmp (getenv ('HLNN_FULL'), '1');
end
D = fin_load_data ('ust-tcm-monthly');
T = size (D.P, 1);
% kind, name in the tables, whether to add the fitted dissipation (the
% HNN learns its own, see fin_fit)
kinds = {'mlp', 'hnn', 'lnn'};
names = {'mlp-d', 'hnn', 'lnn-d'};
if (full_run)
  fit = {'Hidden', [64 64], 'Steps', 2000};
else
  fit = {'Hidden', [32 32], 'Steps', 500};
end
ps = {'Log', false, 'VelocityWindow', 3};
H = 24;

% the out-of-sample record of the same settings
R = fin_backtest (D.t, D.P, 'Models', [{'rw', 'vasicek'}, names], ...
                  'Horizons', [6 12 24], 'PhaseSpace', ps, 'Fit', fit, ...
                  'Split', {'Method', 'holdout', 'TrainSize', 400}, 'Names', D.names);

% fit on everything up to September 1999, shock, integrate
prep = fin_phase_space (D.t, D.P, ps{:}, 'NoiseWarning', false);
gamma = prep.velocity_decay;
shocks = [ 1    1    1    1    0 0 0 0
          -1   -1   -1   -1    0 0 0 0
           2    1.5  1    0.5  0 0 0 0
          -0.5  0    0.25 0.5  0 0 0 0
           0    0    0    0    2 2 2 2];
labels = {'+100bp parallel', '-100bp parallel', 'bear flattener', ...
          'steepener', 'rising 2pp/yr'};
S = cell (1, numel (kinds));
for k = 1:numel (kinds)
  model = fin_fit (kinds{k}, prep, fit{:});
  g = gamma;
  if (strcmp (kinds{k}, 'hnn'))
    g = 0;
    fprintf ('HNN learned dissipation: %.2f/yr\n', model.gamma / prep.norm.tscale);
  end
  S{k} = fin_scenarios (model, prep, shocks, 'Horizon', H, 'Gamma', g, 'Labels', labels);
end
[~, par] = fin_baseline ('vasicek', D.P, [1 T], T, 1, 'PeriodsPerYear', 12);
months = (0:H)';
base = [zeros(1, 8); shocks];
V = zeros (H + 1, 4, size (base, 1));
for s = 1:size (base, 1)
  r0 = D.P(T, :) + base(s, 1:4);
  V(:, :, s) = bsxfun (@plus, par.theta, bsxfun (@times, par.phi .^ months, r0 - par.theta));
end

fprintf ('\nScenarios from %s (month %d), gamma of the -d models = %.2f/yr: %s.\n', ...
         sprintf ('%.2f', D.t(T)), T, gamma, S{1}.note);
fprintf ('10-year yield (%%) after 0, 6, 12, 24 months; curve now %s\n', mat2str (D.P(T, :), 3));
names = [{'vasicek'}, names];
for s = 1:numel (S{1}.labels)
  fprintf ('%-16s', S{1}.labels{s});
  fprintf ('  %s %5.2f %5.2f %5.2f %5.2f', 'vasicek', V([1 7 13 25], 4, s));
  for k = 1:numel (kinds)
    fprintf ('  %s %5.2f %5.2f %5.2f %5.2f', names{k+1}, S{k}.level([1 7 13 25], 4, s));
  end
  fprintf ('\n');
end
i12 = find (R.horizons == 12);
fprintf ('\nOut-of-sample record at h = 12 (holdout from month 401): ');
for m = 2:numel (R.models)
  fprintf ('%s U %.3f (DM p %.2g)  ', R.models{m}, R.theil_u(m, i12), R.dm_p(m, i12));
end
fprintf ('\n');

past = (T - 36:T)';
paths = [{V}, cellfun(@(s) s.level, S, 'UniformOutput', false)];
nr = ceil (numel (paths) / 2);
fig = figure ('visible', 'off', 'position', [0 0 960 320 * nr]);
for k = 1:numel (paths)
  subplot (nr, 2, k);
  plot (D.t(past), D.P(past, 4), 'k-');
  hold on;
  plot (D.t(T) + months / 12, squeeze (paths{k}(:, 4, :)));
  hold off;
  xlabel ('year');
  ylabel ('10-year yield, %');
  title ([names{k} ': scenarios, not probabilities']);
  if (k == 1)
    legend ([{'history'}, S{1}.labels], 'location', 'northwest');
  end
end
out = fullfile (fileparts (mfilename ('fullpath')), 'figures', 'finance_stress.png');
print (fig, out, '-dpng', '-r80');
fprintf ('wrote %s\n', out);
