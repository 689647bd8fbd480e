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
    lr = c.lr;  steps = c.torch_steps;  name = c.name;
    save ('-v7', fullfile (casedir, [c.name '.mat']), 'W', 'b', 'X', 'Y', ...
          'kind', 'activation', 'lr', 'steps', 'name');
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
end

function cases = bench_cases ()
  rand ('seed', 1); randn ('seed', 1);
  % (c) MLP baseline at the HNN paper's spring size
  N = 750;
  X = randn (N, 2);
  m = mlp_create ([2 200 200 2], 'Seed', 1);
  cases.mlp_spring = struct ('name', 'mlp_spring', 'model', m, 'X', X, ...
    'Y', [X(:,2), -X(:,1)], 'lr', 1e-3, 'steps', 2000, 'torch_steps', 200, ...
    'batch', Inf, 'flops', 6 * N * sum (layer_products (m.sizes)), ...
    'gemm_m', N, 'gemm_k', 200, 'gemm_n', 200);
  % small net: 2-64-64-1 MLP, batch 256
  N = 256;
  X = randn (N, 2);
  m = mlp_create ([2 64 64 2], 'Seed', 1);
  cases.mlp_small = struct ('name', 'mlp_small', 'model', m, 'X', X, ...
    'Y', [X(:,2), -X(:,1)], 'lr', 1e-3, 'steps', 5000, 'torch_steps', 500, ...
    'batch', Inf, 'flops', 6 * N * sum (layer_products (m.sizes)), ...
    'gemm_m', N, 'gemm_k', 64, 'gemm_n', 64);
end

function p = layer_products (sizes)
  p = sizes(1:end-1) .* sizes(2:end);
end

function [sec, loss10] = time_hlnn (c)
  opts = {'Steps', 10, 'LearningRate', c.lr, 'Batch', c.batch, 'Verbose', false};
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
