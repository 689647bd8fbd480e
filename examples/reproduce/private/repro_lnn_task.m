% -*- texinfo -*-
% @deftypefn {hlnn} {@var{r} =} repro_lnn_task (@var{task})
% Cranmer et al. (2020), double pendulum (m = l = 1, g = 9.8): for each
% seed, training states from @code{repro_data} (uniform where the energy
% is at most a little above the starts'), an LNN trained on the
% accelerations and an MLP baseline mapping @code{[q qdot]} to the
% accelerations, both softplus with the same hidden layers, Adam with
% the learning-rate phases of @code{settings.schedule}, the
% initialisation and the kept step chosen on the training set
% (@code{repro_train}); then both rolled
% out with rk4 (step @code{settings.dt}) from @code{settings.trials}
% starts of the system's sampler (at rest, angles within +-pi/2), the
% networks seeing the angles wrapped into [-pi, pi) (the LNN by its
% @qcode{'Period'}, the baseline by the rollout), over
% @code{settings.horizon} seconds; the energy error is the mean over
% starts and times of @code{|E(t) - E(0)| / 29.4} with the true energy E
% (29.4 = the largest potential energy, the paper's normalisation);
% also, as the paper's notebook computes it, the error at the final time
% only, @code{|E(T) - E(0)| / 29.4}, averaged over the starts (fields
% @code{*_final}).  The LNN is also rolled out with the variational
% integrator (@code{hlnn_rollout}, Method @qcode{'variational'}, same
% step), whose learned energy does not drift.  Saves and prints like
% @code{repro_hnn_task}.
% @end deftypefn
function r = repro_lnn_task (task)
  s = repro_settings (task);
  fprintf ('== %s: %d seeds, %d steps, batch %d, hidden [%s]\n', s.title, ...
           s.seeds, s.steps, s.batch, num2str (s.hidden));
  t_start = tic ();
  sys = hlnn_system (task);
  r.base_loss = NaN (s.seeds, 1);  r.lnn_loss = r.base_loss;
  r.base_clean = r.base_loss;  r.lnn_clean = r.base_loss;
  r.base_clean_rk4 = r.base_loss;  r.lnn_clean_rk4 = r.base_loss;
  r.lnn_vi = r.base_loss;
  r.base_final = r.base_loss;  r.lnn_final = r.base_loss;
  r.lnn_vi_final = r.base_loss;
  t = (0:s.dt:s.horizon)';
  for seed = 1:s.seeds
    data = repro_data (task, seed);
    q = data.x(:,1:2);  qd = data.x(:,3:4);  qdd = data.dx(:,3:4);
    t0 = tic ();
    lnn = repro_train (@(k) lnn_create (2, s.hidden, 'Seed', k, 'Period', 2 * pi), ...
                       @(m, o) lnn_train (m, q, qd, qdd, o{:}), {q, qd, qdd}, s, seed, ...
                       @(m) definite_share (m, q, qd));
    mlp = repro_train (@(k) mlp_create ([4 s.hidden 2], 'Activation', 'softplus', 'Seed', k), ...
                       @(m, o) mlp_train (m, data.x, qdd, o{:}), {data.x, qdd}, s, seed);
    train_s = toc (t0);
    r.kept_step(seed, :) = [lnn.opt.step, mlp.opt.step];
    r.init_seed(seed, :) = [lnn.opt.seed, mlp.opt.seed];
    r.lnn_definite(seed) = definite_share (lnn, q, qd);
    tq = data.test_x;
    r.lnn_loss(seed) = mean (mean ((lnn_accel (lnn, tq(:,1:2), tq(:,3:4)) ...
                                    - data.test_dx(:,3:4)).^2));
    r.base_loss(seed) = mean (mean ((mlp_predict (mlp, tq) - data.test_dx(:,3:4)).^2));
    X0 = sys.sample (s.trials, 1000 + seed);
    E0 = sys.energy (X0)';
    t0 = tic ();
    [Xl, El] = rk4 (@(X) lnn_accel (lnn, X(:,1:2), X(:,3:4)), X0, t, sys);
    [Xb, Eb] = rk4 (@(X) mlp_predict (mlp, X), X0, t, sys);
    [Xv, Ev] = variational (lnn, X0, t, sys);
    r.lnn_vi(seed) = mean (mean (abs (Ev - E0))) / 29.4;
    r.lnn_final(seed) = mean (abs (El(end,:) - E0)) / 29.4;
    r.base_final(seed) = mean (abs (Eb(end,:) - E0)) / 29.4;
    r.lnn_vi_final(seed) = mean (abs (Ev(end,:) - E0)) / 29.4;
    r.lnn_clean_rk4(seed) = mean (mean (abs (El - E0))) / 29.4;
    r.base_clean_rk4(seed) = mean (mean (abs (Eb - E0))) / 29.4;
    r.lnn_clean(seed) = r.lnn_clean_rk4(seed);
    r.base_clean(seed) = r.base_clean_rk4(seed);
    if (seed == 1)
      [~, Xt] = hlnn_rollout (sys, X0(1,:), t, 'RelTol', 1e-10, 'AbsTol', 1e-10);
      r.fig.clean = struct ('t', t, 'Etrue', repmat (E0(1), numel (t), 1), ...
        'Xtrue', Xt, 'base', Xb(:,:,1), 'lnn', Xl(:,:,1), 'lnn_vi', Xv(:,:,1), ...
        'Ebase', Eb(:,1), 'Elnn', El(:,1), 'Elnn_vi', Ev(:,1));
    end
    fprintf (['  seed %d/%d (%.0f s training, %.0f s rollouts; LNN init %d, kept ' ...
              'step %d, A definite on %.1f%% of the training states; ' ...
              'baseline init %d, kept step %d): accel. test loss ' ...
              'base %.3g lnn %.3g | energy error base %.3g lnn %.3g ' ...
              '(variational %.3g); at the final time base %.3g lnn %.3g ' ...
              '(variational %.3g)\n'], seed, s.seeds, train_s, toc (t0), ...
             r.init_seed(seed,1), r.kept_step(seed,1), 100 * r.lnn_definite(seed), ...
             r.init_seed(seed,2), ...
             r.kept_step(seed,2), ...
             r.base_loss(seed), r.lnn_loss(seed), r.base_clean(seed), ...
             r.lnn_clean(seed), r.lnn_vi(seed), r.base_final(seed), ...
             r.lnn_final(seed), r.lnn_vi_final(seed));
    r.settings = s;
    r.seeds_done = seed;
    r.seconds = toc (t_start);
    save ('-binary', fullfile (repro_outdir (), [task '.mat']), 'r');
  end
  repro_print (r);
  repro_figures (r);
end

% accel on the finite rows of X, NaN on the others (a blown-up
% trajectory must not stop the batch)
function A = finite_rows (accel, X)
  ok = all (isfinite (X), 2);
  A = NaN (size (X, 1), 2);
  if (any (ok))
    A(ok,:) = accel (X(ok,:));
  end
end

% The angles of the states X in [-pi, pi), where the baseline was
% trained (the LNN wraps its own: lnn_create's Period)
function X = wrap_angles (X)
  X(:,1:2) = mod (X(:,1:2) + pi, 2 * pi) - pi;
end

% rk4 of [qdot, accel(x)] for all starts at once; E: T x K true energies.
% A trajectory that leaves the finite numbers stops there (NaN onwards).
function [Xs, E] = rk4 (accel, X0, t, sys)
  f = @(X) [X(:,3:4), finite_rows(accel, wrap_angles (X))];
  K = size (X0, 1);
  Xs = NaN (numel (t), 4, K);
  E = NaN (numel (t), K);
  X = X0;
  for i = 1:numel (t)
    if (i > 1)
      h = t(i) - t(i-1);
      k1 = f (X); k2 = f (X + h/2 * k1); k3 = f (X + h/2 * k2); k4 = f (X + h * k3);
      X = X + h/6 * (k1 + 2 * k2 + 2 * k3 + k4);
    end
    Xs(i,:,:) = permute (X, [3 2 1]);
    ok = all (isfinite (X), 2);
    E(i,ok) = sys.energy (X(ok,:))';
  end
  E = hold_last_error (E);
end

% The variational rollout of all starts, in segments of one second; when
% a segment fails (the step equations turn singular or diverge), its
% trajectories are redone one by one and the failing ones stop there.
function [Xs, E] = variational (lnn, X0, t, sys)
  K = size (X0, 1);
  Xs = NaN (numel (t), 4, K);
  Xs(1,:,:) = permute (X0, [3 2 1]);
  alive = true (K, 1);
  seg = max (1, round (1 / (t(2) - t(1))));
  for i = 1:seg:numel (t) - 1
    j = min (i + seg, numel (t));
    idx = find (alive);
    if (isempty (idx))
      break;
    end
    start = reshape (Xs(i,:,idx), 4, [])';
    try
      [~, Y] = hlnn_rollout (lnn, start, t(i:j), 'Method', 'variational');
      ok = true (numel (idx), 1);
    catch
      Y = NaN (j - i + 1, 4, numel (idx));
      ok = false (numel (idx), 1);
      for a = 1:numel (idx)
        try
          [~, Y(:,:,a)] = hlnn_rollout (lnn, start(a,:), t(i:j), ...
                                        'Method', 'variational');
          ok(a) = true;
        catch
        end
      end
    end
    Xs(i+1:j,:,idx(ok)) = Y(2:end,:,ok);
    alive(idx(~ok)) = false;
  end
  E = NaN (numel (t), K);
  for k = 1:K
    ok = all (isfinite (Xs(:,:,k)), 2);
    E(ok,k) = sys.energy (Xs(ok,:,k))';
  end
  E = hold_last_error (E);
end

% The share of the states [q qd] where the LNN's A = d2L/dqdot2 is
% definite, of either sign (L and -L give the same motion).
function f = definite_share (lnn, q, qd)
  warning ('off', 'hlnn:lnn:singular', 'local');
  [~, info] = lnn_accel (lnn, q, qd);
  f = (info.samples - info.indefinite + info.negative_definite) / info.samples;
end

% a blown-up trajectory counts with its last finite energy error
function E = hold_last_error (E)
  for k = 1:columns (E)
    bad = find (~isfinite (E(:,k)), 1);
    if (~isempty (bad))
      E(bad:end,k) = max (abs (E(1:bad-1,k) - E(1,k))) + E(1,k);
    end
  end
end
