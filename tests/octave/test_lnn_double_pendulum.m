% -*- texinfo -*-
% @deftypefn {hlnn} {} test_lnn_double_pendulum ()
% Integration test: an LNN and an MLP baseline learn the double pendulum
% (m = l = 1, g = 9.8) from the same uniformly sampled states and
% closed-form accelerations, with the same steps, batch, learning rate
% (both trainers' default, 1e-3), gradient clipping (1e4, lnn_train's
% default), activation (softplus) and widths (64-64); both validation
% acceleration MSEs are printed.
%
% The LNN must reach the lower validation MSE (the issue's criterion).
% Measured: LNN 16.22, MLP 17.48 (target variance 49.6).  The first run
% of this protocol, before lnn_train clipped gradients by default, left
% the LNN stalled at 72.5 (see lnn_train's help for the mechanism).  The
% margin is narrow and depends on the draw: with another sample of the
% same distribution (C runs, 1500 steps) the MLP came out ahead, 14.4
% against 15.7; after 2000 steps at this learning rate the MLP led 6.7 to
% 16.5, and at learning rate 3e-3 1.9 to 7.7.  Plain LNNs train slowly.
% What the LNN does guarantee -- its energy is a constant of its own
% motion -- is tested as well.
% @end deftypefn
function test_lnn_double_pendulum ()
end

%!function a = dp_accel (q, w)
%! g = 9.8;
%! c = cos (q(:,1) - q(:,2));  s = sin (q(:,1) - q(:,2));
%! f1 = -0.5 * w(:,2).^2 .* s - g * sin (q(:,1));
%! f2 = w(:,1).^2 .* s - g * sin (q(:,2));
%! d = 1 - 0.5 * c.^2;
%! a = [(f1 - 0.5 * c .* f2) ./ d, (f2 - c .* f1) ./ d];

%!shared lnn, mse_lnn, mse_mlp
%! hlnn (1);    % one BLAS thread: the runs are small, the machine shared
%! rand ('seed', 7);
%! N = 2000;  Nv = 1000;  steps = 1500;
%! q = (2 * rand (N, 2) - 1) * pi;    w = (2 * rand (N, 2) - 1) * 3;
%! qv = (2 * rand (Nv, 2) - 1) * pi;  wv = (2 * rand (Nv, 2) - 1) * 3;
%! a = dp_accel (q, w);  av = dp_accel (qv, wv);
%! opts = {'Steps', steps, 'Batch', 256, 'LearningRate', 1e-3, 'ClipNorm', 1e4, 'Verbose', false};
%! tic;
%! lnn = lnn_create (2, [64 64], 'Activation', 'softplus', 'Init', 'cranmer', 'Seed', 1);
%! lnn = lnn_train (lnn, q, w, a, opts{:});
%! [al, info] = lnn_accel (lnn, qv, wv);
%! t_lnn = toc;  tic;
%! mlp = mlp_create ([4 64 64 2], 'Activation', 'softplus', 'Seed', 1);
%! mlp = mlp_train (mlp, [q w], a, opts{:});
%! t_mlp = toc;
%! mse_lnn = mean ((al(:) - av(:)).^2);
%! am = mlp_predict (mlp, [qv wv]);
%! mse_mlp = mean ((am(:) - av(:)).^2);
%! fprintf ('  double pendulum, %d states, %d steps: validation acceleration MSE LNN %.4g (%.1f s; %d regularised, %d singular), MLP %.4g (%.1f s); target variance %.4g\n', ...
%!          N, steps, mse_lnn, t_lnn, info.regularised, info.singular, mse_mlp, t_mlp, mean (var (av)));
%! assert (info.singular, 0);

%!test
%! assert (mse_lnn < mse_mlp);

%!test
%! % the learned energy is a constant of the learned motion: a 1 s ode45
%! % rollout conserves it to the integrator's tolerance
%! opt = odeset ('RelTol', 1e-10, 'AbsTol', 1e-10);
%! [~, x] = ode45 (@(t, x) [x(3:4); lnn_accel(lnn, x(1:2)', x(3:4)')'], [0 1], [1; -0.5; 0.3; 0], opt);
%! E = lnn_energy (lnn, x(:,1:2), x(:,3:4));
%! fprintf ('  learned energy drift over a 1 s rollout: %.2e (E0 = %.4g)\n', max (abs (E - E(1))), E(1));
%! assert (max (abs (E - E(1))) < 1e-6 * max (1, abs (E(1))));
