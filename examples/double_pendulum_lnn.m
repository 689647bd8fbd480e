% double_pendulum_lnn.m -- a Lagrangian neural network learns the double
% pendulum (m1 = m2 = l1 = l2 = 1, g = 9.8).
%
% Training data are states [t1 t2 w1 w2] sampled uniformly (angles in
% [-pi, pi], angular velocities in [-3, 3]) with accelerations from the
% closed-form equations of motion.  An LNN and an MLP baseline are
% trained on the same data for the same steps, both with the angles'
% period 2 pi (a pendulum that turns over stays where the networks were
% trained); both are rolled out with ode45 from the same initial state,
% and the script prints
%   - the validation acceleration MSE of both,
%   - the drift of the LNN's own energy E = w . dL/dw - L along its
%     trajectory (conserved by construction: integrator error only),
%   - the drift of the true energy along the LNN, MLP and true
%     trajectories,
% and writes examples/figures/double_pendulum_lnn.png.  The double
% pendulum is chaotic: trajectories separate after a few seconds whatever
% the model, so the energy, not the angle, is the long-run yardstick.
%
% Short by default (a few minutes); set full_run = true before running it,
% or the environment variable HLNN_FULL=1, for the full settings (wider
% nets, many more steps: tens of minutes).
if (exist ('full_run', 'var') ~= 1)
  full_run = strcmp (getenv ('HLNN_FULL'), '1');
end
if (full_run)
  cfg = struct ('N', 20000, 'hidden', [256 256], 'steps', 30000, 'lr', 1e-3, ...
                'batch', 512, 'T', 30);
else
  cfg = struct ('N', 2000, 'hidden', [64 64], 'steps', 2000, 'lr', 1e-3, ...
                'batch', 256, 'T', 10);
end
g = 9.8;
% closed-form accelerations (rows are states)
dp_accel = @(q, w) [ ...
  ((-0.5 * w(:,2).^2 .* sin (q(:,1) - q(:,2)) - g * sin (q(:,1))) ...
   - 0.5 * cos (q(:,1) - q(:,2)) .* (w(:,1).^2 .* sin (q(:,1) - q(:,2)) - g * sin (q(:,2)))) ...
  ./ (1 - 0.5 * cos (q(:,1) - q(:,2)).^2), ...
  ((w(:,1).^2 .* sin (q(:,1) - q(:,2)) - g * sin (q(:,2))) ...
   - cos (q(:,1) - q(:,2)) .* (-0.5 * w(:,2).^2 .* sin (q(:,1) - q(:,2)) - g * sin (q(:,1)))) ...
  ./ (1 - 0.5 * cos (q(:,1) - q(:,2)).^2)];
% T + V with V = -2 g cos t1 - g cos t2
dp_energy = @(q, w) w(:,1).^2 + 0.5 * w(:,2).^2 + w(:,1) .* w(:,2) .* cos (q(:,1) - q(:,2)) ...
                    - 2 * g * cos (q(:,1)) - g * cos (q(:,2));

rand ('seed', 2);
q = (2 * rand (cfg.N, 2) - 1) * pi;   w = (2 * rand (cfg.N, 2) - 1) * 3;
qv = (2 * rand (1000, 2) - 1) * pi;   wv = (2 * rand (1000, 2) - 1) * 3;
a = dp_accel (q, w);  av = dp_accel (qv, wv);

lnn = lnn_create (2, cfg.hidden, 'Activation', 'softplus', 'Init', 'cranmer', ...
                  'Seed', 1, 'Period', 2 * pi);
lnn = lnn_train (lnn, q, w, a, 'Steps', cfg.steps, 'Batch', cfg.batch, ...
                 'LearningRate', cfg.lr, 'Validation', {qv, wv, av});
mlp = mlp_create ([4 cfg.hidden 2], 'Activation', 'softplus', 'Seed', 1, ...
                  'Period', [2*pi 2*pi 0 0]);
mlp = mlp_train (mlp, [q w], a, 'Steps', cfg.steps, 'Batch', cfg.batch, ...
                 'LearningRate', cfg.lr, 'Validation', {[qv wv], av});
[al, info] = lnn_accel (lnn, qv, wv);
am = mlp_predict (mlp, [qv wv]);
fprintf ('validation acceleration MSE: LNN %.3e, MLP %.3e (target variance %.3e)\n', ...
         mean ((al(:) - av(:)).^2), mean ((am(:) - av(:)).^2), mean (var (av)));
% L and -L move alike, but a mechanical L's d2L/dqdot2 is a mass matrix,
% definite everywhere (of either sign for a learned L)
fprintf (['LNN solves on the validation states: d2L/dqdot2 definite on %d of %d, ' ...
          '%d regularised, %d singular, min rcond %.2e\n'], ...
         info.samples - info.indefinite + info.negative_definite, info.samples, ...
         info.regularised, info.singular, info.rcond_min);

x0 = [2.0; 1.0; 0; 0];
opt = odeset ('RelTol', 1e-9, 'AbsTol', 1e-9);
t = linspace (0, cfg.T, 50 * cfg.T + 1)';
[tt, xt] = ode45 (@(t, x) [x(3:4); dp_accel(x(1:2)', x(3:4)')'], t, x0, opt);
[tl, xl] = ode45 (@(t, x) [x(3:4); lnn_accel(lnn, x(1:2)', x(3:4)')'], t, x0, opt);
[tm, xm] = ode45 (@(t, x) [x(3:4); mlp_predict(mlp, x')'], t, x0, opt);

drift = @(E) max (abs (E - E(1)));
El = lnn_energy (lnn, xl(:,1:2), xl(:,3:4));
Etrue = @(x) dp_energy (x(:,1:2), x(:,3:4));
fprintf ('rollout of %g s from [t1 t2 w1 w2] = [%g %g %g %g] (true energy %.3f):\n', ...
         cfg.T, x0, Etrue (x0'));
fprintf ('  learned energy drift along the LNN trajectory: %.3e (relative %.3e)\n', ...
         drift (El), drift (El) / max (abs (El(1)), eps));
fprintf ('  true energy drift: LNN %.3e, MLP %.3e, true dynamics %.3e\n', ...
         drift (Etrue (xl)), drift (Etrue (xm)), drift (Etrue (xt)));
k = find (t <= 2, 1, 'last');
if (numel (tl) < k || numel (tm) < k)
  fprintf ('  a rollout stopped early: LNN at t = %g, MLP at t = %g\n', tl(end), tm(end));
else
  fprintf ('  angle error at t = 2: LNN %.3e, MLP %.3e\n', norm (xl(k,1:2) - xt(k,1:2)), ...
           norm (xm(k,1:2) - xt(k,1:2)));
end

fig = figure ('visible', 'off');
subplot (2, 2, 1);
plot (tt, xt(:,1), 'k-', tl, xl(:,1), 'r--', tm, xm(:,1), 'b:');
xlabel ('t'); ylabel ('\theta_1'); legend ('true', 'LNN', 'MLP'); title ('rollout');
subplot (2, 2, 2);
plot (tt, xt(:,2), 'k-', tl, xl(:,2), 'r--', tm, xm(:,2), 'b:');
xlabel ('t'); ylabel ('\theta_2'); title ('rollout');
subplot (2, 2, 3);
plot (tt, Etrue (xt), 'k-', tl, Etrue (xl), 'r--', tm, Etrue (xm), 'b:');
xlabel ('t'); ylabel ('T + V'); title ('true energy');
subplot (2, 2, 4);
semilogy (lnn.history.val_step, lnn.history.val_loss, 'r-', ...
          mlp.history.val_step, mlp.history.val_loss, 'b-');
xlabel ('step'); ylabel ('validation MSE'); legend ('LNN', 'MLP'); title ('accelerations');
outdir = fullfile (fileparts (mfilename ('fullpath')), 'figures');
if (exist (outdir, 'dir') ~= 7)
  mkdir (outdir);
end
out = fullfile (outdir, 'double_pendulum_lnn.png');
print (fig, out, '-dpng', '-r80');
close (fig);
fprintf ('wrote %s\n', out);
