% -*- texinfo -*-
% @deftypefn {hlnn} {@var{r} =} repro_hnn_task (@var{task})
% Run one task of Greydanus et al. (2019) over seeds: for each seed the
% data (@code{repro_data}), an HNN and an MLP baseline (2 hidden layers
% of 200, tanh, the initialisation of the paper's code (Init
% @qcode{'greydanus'}: orthogonal weights, PyTorch's default biases),
% Adam lr 1e-3 with the task's L2 weight decay, steps and batch from
% @code{repro_settings}, trained by @code{repro_train}), their
% train and test losses, and energy MSEs under the paper's and the clean
% protocol (@code{repro_protocol}) plus the HNN rolled out with the
% symplectic Gauss-Legendre integrator (gl4) under the clean one (under
% the paper's too when @code{HLNN_REPRO_GL4_PAPER} is set: it doubles the
% evaluation time).  Prints progress
% and the table rows, saves @var{r} to @code{<HLNN_REPRO_OUT>/<task>.mat}
% and draws the task's figures.
% @end deftypefn
function r = repro_hnn_task (task)
  s = repro_settings (task);
  fprintf ('== %s: %d seeds, %d steps (paper %d), batch %g\n', s.title, ...
           s.seeds, s.steps, s.paper_steps, s.batch);
  t_start = tic ();
  cols = {'base_train', 'base_test', 'hnn_train', 'hnn_test', ...
          'base_paper', 'hnn_paper', 'gl4_paper', ...
          'base_clean', 'hnn_clean', 'gl4_clean'};
  for j = 1:numel (cols)
    r.(cols{j}) = NaN (s.seeds, 1);
  end
  r.train_seconds = zeros (s.seeds, 2);
  r.eval_seconds = zeros (s.seeds, 1);
  h = gl4_step (task);
  gl4 = {'Method', 'gl4', 'Step', h};
  for seed = 1:s.seeds
    data = repro_data (task, seed);
    n = size (data.x, 2) / 2;
    val = {data.x, data.dx};
    t0 = tic ();
    hnn = repro_train (@(k) hnn_create (n, s.hidden, 'Activation', 'tanh', ...
                                        'Init', 'greydanus', 'Seed', k), ...
                       @(m, o) hnn_train (m, data.x, data.dx, o{:}), val, s, seed);
    r.train_seconds(seed, 1) = toc (t0);
    t0 = tic ();
    mlp = repro_train (@(k) mlp_create ([2*n s.hidden 2*n], 'Activation', 'tanh', ...
                                        'Init', 'greydanus', 'Seed', k), ...
                       @(m, o) mlp_train (m, data.x, data.dx, o{:}), val, s, seed);
    r.train_seconds(seed, 2) = toc (t0);
    r.kept_step(seed, :) = [hnn.opt.step, mlp.opt.step];
    t0 = tic ();
    r.hnn_train(seed) = mse (hnn_field (hnn, data.x) - data.dx);
    r.hnn_test(seed) = mse (hnn_field (hnn, data.test_x) - data.test_dx);
    r.base_train(seed) = mse (mlp_predict (mlp, data.x) - data.dx);
    r.base_test(seed) = mse (mlp_predict (mlp, data.test_x) - data.test_dx);
    for prot = {'paper', 'clean'}
      p = repro_protocol (task, data, seed, prot{1});
      [r.(['base_' prot{1}])(seed), Xb, Eb] = repro_energy_mse (mlp, p);
      [r.(['hnn_' prot{1}])(seed), Xh, Eh] = repro_energy_mse (hnn, p);
      Xg = []; Eg = [];
      if (strcmp (prot{1}, 'clean') || ~isempty (getenv ('HLNN_REPRO_GL4_PAPER')))
        [r.(['gl4_' prot{1}])(seed), Xg, Eg] = repro_energy_mse (hnn, p, gl4);
      end
      if (seed == 1)
        % what the figures show: the first start of seed 1
        r.fig.(prot{1}) = struct ('t', p.t, 'Etrue', p.Etrue(:,1), ...
          'Xtrue', true_path (task, data, p), 'base', first (Xb), ...
          'hnn', first (Xh), 'gl4', first (Xg), 'Ebase', firstcol (Eb), ...
          'Ehnn', firstcol (Eh), 'Egl4', firstcol (Eg));
      end
    end
    r.eval_seconds(seed) = toc (t0);
    fprintf (['  seed %d/%d (%.0f s + %.0f s training, kept steps %d + %d, %.0f s ' ...
              'evaluation): energy MSE %s paper ' ...
              'base %.3g hnn %.3g gl4 %.3g | clean base %.3g hnn %.3g gl4 %.3g\n'], ...
             seed, s.seeds, r.train_seconds(seed, :), r.kept_step(seed, :), ...
             r.eval_seconds(seed), s.unit, ...
             s.scale * [r.base_paper(seed) r.hnn_paper(seed) r.gl4_paper(seed) ...
                        r.base_clean(seed) r.hnn_clean(seed) r.gl4_clean(seed)]);
    % saved after every seed, so a run stopped early keeps what it did
    r.settings = s;
    r.seeds_done = seed;
    r.seconds = toc (t_start);
    save ('-binary', fullfile (repro_outdir (), [task '.mat']), 'r');
  end
  repro_print (r);
  repro_figures (r);
end

function v = mse (R)
  v = mean (R(:).^2);
end

function h = gl4_step (task)
  if (strcmp (task, 'three_body'))
    h = 0.01;
  else
    h = 0.02;
  end
end

function x = first (Xs)
  if (isempty (Xs))
    x = [];
  else
    x = Xs(:,:,1);
  end
end

function e = firstcol (E)
  if (isempty (E))
    e = [];
  else
    e = E(:,1);
  end
end

function X = true_path (task, data, p)
  if (strcmp (task, 'real_pendulum'))
    X = data.test_x;
  else
    [~, Xs] = hlnn_rollout (data.sys, p.X0(1,:), p.t, 'RelTol', 1e-10, ...
                            'AbsTol', 1e-10);
    X = Xs(:,:,1);
  end
end
