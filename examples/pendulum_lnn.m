% pendulum_lnn.m -- a Lagrangian neural network learns the pendulum.
%
% The seed example of hlnn: L = 1/2 m l^2 th'^2 - m g l (1 - cos th) with
% m = l = 1, g = 9.81, whose Euler-Lagrange equation is
% th'' = -(g/l) sin th.  An LNN is trained on accelerations at states
% sampled uniformly, an MLP baseline on the same data and steps; both are
% rolled out with ode45 from a large swing, and the script prints
%   - the acceleration MSE of both on fresh validation states,
%   - the drift of the LNN's own energy E = th' dL/dth' - L along its
%     trajectory (conserved by construction, so this is integrator error),
%   - the drift of the true energy T + V along the LNN, MLP and true
%     trajectories,
% and writes examples/figures/pendulum_lnn.png.
%
% Short by default (about a minute); set full_run = true before running
% it, or the environment variable HLNN_FULL=1, for the full settings.
if (exist ('full_run', 'var') ~= 1)
  full_run = strcmp (getenv ('HLNN_FULL'), '1');
end
if (full_run)
  cfg = struct ('N', 4000, 'hidden', [128 128], 'steps', 10000, 'T', 100);
else
  cfg = struct ('N', 1000, 'hidden', [64 64], 'steps', 1500, 'T', 20);
end
g = 9.81;
accel = @(th) -g * sin (th);
energy = @(th, w) 0.5 * w.^2 + g * (1 - cos (th));

rand ('seed', 1);
th = (2 * rand (cfg.N, 1) - 1) * pi;   w = (2 * rand (cfg.N, 1) - 1) * 6;
thv = (2 * rand (500, 1) - 1) * pi;    wv = (2 * rand (500, 1) - 1) * 6;

lnn = lnn_create (1, cfg.hidden, 'Activation', 'softplus', 'Seed', 1);
lnn = lnn_train (lnn, th, w, accel (th), 'Steps', cfg.steps, 'Batch', 256, ...
                 'LearningRate', 3e-3, 'Validation', {thv, wv, accel(thv)});
mlp = mlp_create ([2 cfg.hidden 1], 'Activation', 'softplus', 'Seed', 1);
mlp = mlp_train (mlp, [th w], accel (th), 'Steps', cfg.steps, 'Batch', 256, ...
                 'LearningRate', 3e-3, 'Verbose', false);
mse_lnn = mean ((lnn_accel (lnn, thv, wv) - accel (thv)).^2);
mse_mlp = mean ((mlp_predict (mlp, [thv wv]) - accel (thv)).^2);
fprintf ('validation acceleration MSE: LNN %.3e, MLP %.3e\n', mse_lnn, mse_mlp);

x0 = [2.5; 0];
opt = odeset ('RelTol', 1e-9, 'AbsTol', 1e-9);
t = linspace (0, cfg.T, 20 * cfg.T + 1)';
[tt, xt] = ode45 (@(t, x) [x(2); accel(x(1))], t, x0, opt);
[tl, xl] = ode45 (@(t, x) [x(2); lnn_accel(lnn, x(1), x(2))], t, x0, opt);
[tm, xm] = ode45 (@(t, x) [x(2); mlp_predict(mlp, x')], t, x0, opt);

El = lnn_energy (lnn, xl(:,1), xl(:,2));
drift = @(E) max (abs (E - E(1)));
fprintf ('rollout of %g s from th = %.2f:\n', cfg.T, x0(1));
fprintf ('  learned energy drift along the LNN trajectory: %.3e (relative %.3e)\n', ...
         drift (El), drift (El) / abs (El(1)));
fprintf ('  true energy drift: LNN %.3e, MLP %.3e, true dynamics %.3e (E0 = %.3f)\n', ...
         drift (energy (xl(:,1), xl(:,2))), drift (energy (xm(:,1), xm(:,2))), ...
         drift (energy (xt(:,1), xt(:,2))), energy (x0(1), x0(2)));
if (tl(end) < t(end) || tm(end) < t(end))
  fprintf ('  a rollout stopped early: LNN at t = %g, MLP at t = %g\n', tl(end), tm(end));
else
  fprintf ('  final angle error: LNN %.3e, MLP %.3e\n', abs (xl(end,1) - xt(end,1)), ...
           abs (xm(end,1) - xt(end,1)));
end

fig = figure ('visible', 'off');
subplot (2, 2, 1);
plot (tt, xt(:,1), 'k-', tl, xl(:,1), 'r--', tm, xm(:,1), 'b:');
xlabel ('t'); ylabel ('\theta'); legend ('true', 'LNN', 'MLP'); title ('rollout');
subplot (2, 2, 2);
plot (xt(:,1), xt(:,2), 'k-', xl(:,1), xl(:,2), 'r--', xm(:,1), xm(:,2), 'b:');
xlabel ('\theta'); ylabel ('\theta'''); title ('phase space');
subplot (2, 2, 3);
plot (tt, energy (xt(:,1), xt(:,2)), 'k-', tl, energy (xl(:,1), xl(:,2)), 'r--', ...
      tm, energy (xm(:,1), xm(:,2)), 'b:');
xlabel ('t'); ylabel ('T + V'); title ('true energy');
subplot (2, 2, 4);
semilogy (lnn.history.step, lnn.history.loss, 'r-', mlp.history.step, mlp.history.loss, 'b-');
xlabel ('step'); ylabel ('training MSE'); legend ('LNN', 'MLP'); title ('loss');
outdir = fullfile (fileparts (mfilename ('fullpath')), 'figures');
if (exist (outdir, 'dir') ~= 7)
  mkdir (outdir);
end
out = fullfile (outdir, 'pendulum_lnn.png');
print (fig, out, '-dpng', '-r80');
close (fig);
fprintf ('wrote %s\n', out);
