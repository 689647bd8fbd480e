% -*- texinfo -*-
% @deftypefn {hlnn} {} bench_hlnn (@var{casedir}, @var{threads}, @var{which})
% hlnn's side of the benchmarks (see bench/README.md).
%
% For each case in @var{which} (cell of names; default all): build the
% model and data, write them to @file{@var{casedir}/<case>.mat} for the
% PyTorch side, then at each thread count in @var{threads} time the
% training steps through the user API and print one JSON line: seconds,
% steps, the loss after 10 steps (cross-check), and nominal flops per step.
% Also prints the dgemm rate of the BLAS in use at a size comparable to
% each case ("dgemm" lines).
% @end deftypefn
function bench_hlnn (casedir, threads, which)
  if (nargin < 3)
    which = {};
  end
  cases = bench_cases ();
  names = fieldnames (cases);
  fid = fopen (fullfile (casedir, 'cases.txt'), 'w');
  for k = 1:numel (names)
    c = cases.(names{k});
    if (~isempty (which) && ~any (strcmp (which, c.name)))
      continue;
    end
    fprintf (fid, '%s\n', c.name);
    W = c.model.W;  b = c.model.b;  X = c.X;  Y = c.Y;   %#ok (saved below)
    kind = c.model.kind;  activation = c.model.activation;
    lr = c.lr;  steps = c.torch_steps;  name = c.name;  clip = c.clip;
    save ('-v7', fullfile (casedir, [c.name '.mat']), 'W', 'b', 'X', 'Y', ...
          'kind', 'activation', 'lr', 'steps', 'name', 'clip');
    for t = threads(:)'
      hlnn (t);
      [sec, loss10] = time_hlnn (c);
      gf = c.flops / (sec / c.steps) / 1e9;
      fprintf ('{"case": "%s", "impl": "hlnn", "threads": %d, "seconds": %.6g, "steps": %d, "loss10": %.17g, "gflops": %.4g, "flops_per_step": %.6g}\n', ...
               c.name, t, sec, c.steps, loss10, gf, c.flops);
      fprintf ('{"case": "%s", "impl": "dgemm", "threads": %d, "gflops": %.4g}\n', ...
               c.name, t, dgemm_rate (c.gemm_m, c.gemm_k, c.gemm_n));
    end
  end
  fclose (fid);
  if (isempty (which) || any (strcmp (which, 'rollout')))
    bench_rollout (casedir);
  end
  if (isempty (which) || any (strcmp (which, 'sweep')))
    bench_sweep (casedir);
  end
end

% (d) rollouts: 15 initial states of the spring HNN over t in [0, 20],
% 1000 fixed steps (rk4, gl4), and the adaptive GSL methods at the
% tolerances of the HNN paper's evaluation (rtol 1e-12, scipy's default
% atol 1e-6), stepping onto every output time or (_interp) with the steps
% the tolerance asks for and interpolated outputs, the work solve_ivp with
% t_eval does; the paper integrates its torch model with scipy's solve_ivp
% (bench_torch.py does that from the same weights).
function bench_rollout (casedir)
  % a trained spring HNN (H = q^2 + p^2): an untrained net's nearly flat
  % field would let the adaptive reference take a handful of steps
  m = hnn_create (1, [200 200], 'Seed', 1);
  X = 2 * rand (750, 2) - 1;
  m = hnn_train (m, X, [2 * X(:,2), -2 * X(:,1)], 'Steps', 1000, 'Verbose', false);
  x0 = [cos(linspace(0, 2*pi, 15)') sin(linspace(0, 2*pi, 15)')] .* linspace (0.2, 1, 15)';
  t = linspace (0, 20, 1001)';
  W = m.W;  b = m.b;   %#ok (saved for the PyTorch side)
  save ('-v7', fullfile (casedir, 'rollout.mat'), 'W', 'b', 'x0', 't');
  methods = {'rk4', 'gl4', 'rkf45', 'rk8pd', 'rkf45_interp', 'rk8pd_interp'};
  tol = {'RelTol', 1e-12, 'AbsTol', 1e-6};
  for t_ = [1 2]
    hlnn (t_);
    for k = 1:numel (methods)
      method = strtok (methods{k}, '_');
      opts = {'Method', method};
      if (any (strcmp (method, {'rkf45', 'rk8pd'})))
        interp = ~strcmp (method, methods{k});
        opts = [opts, tol, {'Interpolate', interp}];
      end
      hlnn_rollout (m, x0, t(1:11), opts{:});   % warm-up
      best = Inf;
      for r = 1:3
        t0 = tic ();
        [~, Xs] = hlnn_rollout (m, x0, t, opts{:});
        best = min (best, toc (t0));
      end
      fprintf ('{"case": "rollout_%s", "impl": "hlnn", "threads": %d, "seconds": %.6g, "steps": 1000, "end_state": %.17g}\n', ...
               methods{k}, t_, best, Xs(end, 1, end));
    end
  end
end

% (e) HNN training steps at batch N x width w (2 -> w -> w -> 1): seconds
% per step and the fraction of the dgemm rate at the same thread count
% (flops: 6 GEMM passes of 2 N sum(in*out), as in case (a)).  Setting up
% the workspace (first touch of up to GBs at N = 1e5) is not counted: a
% step's time is the difference of a run of 2k and one of k steps,
% divided by k, each the faster of two runs (session 10's run took a
% slow k-step run for a fast step: 0.46 ms at N = 1000, width 64, where
% hnn_train takes 0.70-0.82 ms), or, where k < 4 (steps of 0.1 s and more here), the
% median of steps 2 to 4 of one run timed step by step (ChunkSeconds 0:
% a chunk a step, the workspace kept), since a difference of two single
% steps is at the mercy of the machine's noise (session 9's run measured
% one at more than a core's peak).  The shapes and k go to sweep.txt for
% the PyTorch side.
function bench_sweep (casedir)
  fid = fopen (fullfile (casedir, 'sweep.txt'), 'w');
  for N = [100 1000 10000 100000]
    for w = [64 128 256 512]
      X = randn (N, 2);  Y = [X(:,2), -X(:,1)];
      m = hnn_create (1, [w w], 'Seed', 1);
      flops = 2 * 6 * N * sum (layer_products (m.sizes));
      k = max (1, min (200, round (1e10 / flops)));
      fprintf (fid, '%d %d %d\n', N, w, k);
      for t_ = [1 2]
        hlnn (t_);
        if (k >= 4)
          opts = {'Verbose', false, 'ChunkSeconds', 1e6};
          t_k = Inf;
          t_2k = Inf;
          for rep = 1:2
            t0 = tic ();
            hnn_train (m, X, Y, 'Steps', k, opts{:});
            t_k = min (t_k, toc (t0));
            t0 = tic ();
            hnn_train (m, X, Y, 'Steps', 2 * k, opts{:});
            t_2k = min (t_2k, toc (t0));
          end
          sec = max (t_2k - t_k, eps) / k;
        else
          mt = hnn_train (m, X, Y, 'Steps', 4, 'Verbose', false, ...
                          'ChunkSeconds', 0);
          sec = median (diff (mt.history.time));
        end
        fprintf ('{"case": "sweep_N%d_w%d", "impl": "hlnn", "threads": %d, "seconds": %.6g, "steps": 1, "loss10": NaN, "gflops": %.4g, "flops_per_step": %.6g}\n', ...
                 N, w, t_, sec, flops / sec / 1e9, flops);
        fprintf ('{"case": "sweep_N%d_w%d", "impl": "dgemm", "threads": %d, "gflops": %.4g}\n', ...
                 N, w, t_, dgemm_rate (N, w, w));
      end
    end
  end
  fclose (fid);
end

function cases = bench_cases ()
  rand ('seed', 1); randn ('seed', 1);
  % Nominal flops per step: 2 N sum(in*out) per GEMM pass, times the passes
  % the work needs (MLP 3: forward, dW, dA; HNN 6 as counted in issue 8:
  % forward, input-gradient, and the reverse of both for dW and dA; LNN:
  % forward, input-gradient, n Hessian-vector products of 2 passes each,
  % and the adjoint's 2nd-order tangent forward (4 channels) + its reverse).
  % (a) HNN, the HNN paper's spring setting
  N = 750;
  X = randn (N, 2);
  m = hnn_create (1, [200 200], 'Seed', 1);
  cases.hnn_spring = struct ('name', 'hnn_spring', 'model', m, 'X', X, ...
    'Y', [X(:,2), -X(:,1)], 'lr', 1e-3, 'steps', 2000, 'torch_steps', 100, ...
    'batch', Inf, 'clip', 0, 'flops', 2 * 6 * N * sum (layer_products (m.sizes)), ...
    'gemm_m', N, 'gemm_k', 200, 'gemm_n', 200);
  % small HNN: 2-64-64-1, batch 256
  N = 256;
  X = randn (N, 2);
  m = hnn_create (1, [64 64], 'Seed', 1);
  cases.hnn_small = struct ('name', 'hnn_small', 'model', m, 'X', X, ...
    'Y', [X(:,2), -X(:,1)], 'lr', 1e-3, 'steps', 5000, 'torch_steps', 500, ...
    'batch', Inf, 'clip', 0, 'flops', 2 * 6 * N * sum (layer_products (m.sizes)), ...
    'gemm_m', N, 'gemm_k', 64, 'gemm_n', 64);
  % (b) LNN, double pendulum size: 4-500-500-1 softplus, batch 1000
  N = 1000;
  X = randn (N, 4);
  m = lnn_create (2, [500 500], 'Activation', 'softplus', 'Seed', 1);
  % clipped at lnn_train's default norm, on both sides
  cases.lnn_dpend = struct ('name', 'lnn_dpend', 'model', m, 'X', X, ...
    'Y', -X(:, 1:2), 'lr', 1e-3, 'steps', 20, 'torch_steps', 5, ...
    'batch', Inf, 'clip', 1e4, 'flops', 2 * (2 + 2 * 2 + 8) * N * sum (layer_products (m.sizes)), ...
    'gemm_m', N, 'gemm_k', 500, 'gemm_n', 500);
  % (c) MLP baseline at the HNN paper's spring size
  N = 750;
  X = randn (N, 2);
  m = mlp_create ([2 200 200 2], 'Seed', 1);
  cases.mlp_spring = struct ('name', 'mlp_spring', 'model', m, 'X', X, ...
    'Y', [X(:,2), -X(:,1)], 'lr', 1e-3, 'steps', 2000, 'torch_steps', 200, ...
    'batch', Inf, 'clip', 0, 'flops', 6 * N * sum (layer_products (m.sizes)), ...
    'gemm_m', N, 'gemm_k', 200, 'gemm_n', 200);
  % small MLP: 2-64-64-2, batch 256
  N = 256;
  X = randn (N, 2);
  m = mlp_create ([2 64 64 2], 'Seed', 1);
  cases.mlp_small = struct ('name', 'mlp_small', 'model', m, 'X', X, ...
    'Y', [X(:,2), -X(:,1)], 'lr', 1e-3, 'steps', 5000, 'torch_steps', 500, ...
    'batch', Inf, 'clip', 0, 'flops', 6 * N * sum (layer_products (m.sizes)), ...
    'gemm_m', N, 'gemm_k', 64, 'gemm_n', 64);
end

function p = layer_products (sizes)
  p = sizes(1:end-1) .* sizes(2:end);
end

function [sec, loss10] = time_hlnn (c)
  opts = {'Steps', 10, 'LearningRate', c.lr, 'Batch', c.batch, ...
          'ClipNorm', c.clip, 'Verbose', false};
  m10 = train_kind (c.model, c.X, c.Y, opts);
  loss10 = m10.history.loss(10);
  opts{2} = c.steps;
  t0 = tic ();
  train_kind (c.model, c.X, c.Y, opts);
  sec = toc (t0);
end

function m = train_kind (m, X, Y, opts)
  switch (m.kind)
    case 'mlp'
      m = mlp_train (m, X, Y, opts{:});
    case 'hnn'
      m = hnn_train (m, X, Y, opts{:});
    case 'lnn'
      n = m.n;
      m = lnn_train (m, X(:, 1:n), X(:, n+1:end), Y, opts{:});
  end
end

function gf = dgemm_rate (m, k, n)
  % the BLAS Octave itself uses for A*B: the same library hlnn calls
  A = randn (m, k);  B = randn (k, n);
  C = A * B;   % warm-up
  reps = max (3, ceil (2e9 / (2 * m * k * n)));
  t0 = tic ();
  for r = 1:reps
    C = A * B;
  end
  gf = 2 * m * k * n * reps / toc (t0) / 1e9;
end
