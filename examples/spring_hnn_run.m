% -*- texinfo -*-
% @deftypefn {hlnn} {@var{r} =} spring_hnn_run (@var{seed})
% @deftypefnx {hlnn} {@var{r} =} spring_hnn_run (@var{seed}, @var{verbose})
% One seed of the HNN paper's mass-spring experiment (Greydanus et al.
% 2019, "ideal mass-spring"): data, an HNN and an MLP baseline trained
% the same way, rollouts from held-out initial states, energy error.
% Shared by examples/spring_hnn.m and tests/octave/test_hnn_spring.m so
% that the test checks exactly what the example reports.
%
% System: H = p^2/(2m) + k q^2/2 with m = 1/2, k = 2, i.e. H = q^2 + p^2
% as in the paper's code, so q' = 2p, p' = -2q (exact solution: a
% rotation at angular frequency 2).
%
% Data (the paper's recipe): 25 training and 25 held-out trajectories,
% each from a random direction at a radius uniform in [0.1, 1], sampled at
% 30 equally spaced times in [0, 3]; Gaussian noise of standard deviation
% 0.1 on the observed states, targets the exact time derivatives.
%
% Models: HNN 2 -> 200 -> 200 -> 1 tanh; baseline MLP 2 -> 200 -> 200 -> 2
% tanh predicting the time derivative directly.  Both orthogonal
% initialisation (as the paper's code), Adam lr 1e-3 with L2 weight decay
% 1e-4 (the paper's torch.optim.Adam setting), 2000 full-batch steps.
%
% Evaluation: both learned fields are integrated with ode45 (RelTol =
% AbsTol = 1e-10) from the 25 held-out noise-free initial states over
% t in [0, 20], output at 201 equally spaced times; energy MSE = mean over
% trajectories and times of (H(x_model(t)) - H(x(0)))^2 with the true H.
%
% The true field goes through the same evaluation: its energy MSE is the
% floor set by the integrator and the interpolation to the output times.
%
% @var{r} has fields: seed, hnn and mlp (each: model, train_loss,
% test_loss, energy_mse, train_seconds, x (201 x 2 x 25 rollouts)),
% floor (the same for the true field, no model), t, x_true, ratio
% (baseline energy MSE / HNN energy MSE).
% @end deftypefn
function r = spring_hnn_run (seed, verbose)
  if (nargin < 1)
    print_usage ();
  end
  if (nargin < 2)
    verbose = false;
  end
  [Xtr, dXtr, Xte, dXte, x0] = spring_data (seed);
  train_opts = {'Steps', 2000, 'LearningRate', 1e-3, 'Batch', Inf, ...
                'Optimizer', 'adam', 'WeightDecay', 1e-4, 'Verbose', verbose};
  t = linspace (0, 20, 201)';

  hnn = hnn_create (1, [200 200], 'Activation', 'tanh', 'Init', 'orthogonal', ...
                    'Seed', seed);
  tic0 = tic ();
  hnn = hnn_train (hnn, Xtr, dXtr, train_opts{:});
  r.hnn.train_seconds = toc (tic0);
  r.hnn = evaluate (r.hnn, hnn, @(X) hnn_field (hnn, X), Xtr, dXtr, Xte, dXte, x0, t);

  mlp = mlp_create ([2 200 200 2], 'Activation', 'tanh', 'Init', 'orthogonal', ...
                    'Seed', seed);
  tic0 = tic ();
  mlp = mlp_train (mlp, Xtr, dXtr, train_opts{:});
  r.mlp.train_seconds = toc (tic0);
  r.mlp = evaluate (r.mlp, mlp, @(X) mlp_predict (mlp, X), Xtr, dXtr, Xte, dXte, x0, t);

  r.floor = evaluate (struct (), [], @(X) [2 * X(:,2), -2 * X(:,1)], ...
                     Xtr, dXtr, Xte, dXte, x0, t);
  r.seed = seed;
  r.t = t;
  r.x_true = exact (x0, t);
  r.ratio = r.mlp.energy_mse / r.hnn.energy_mse;
end

function s = evaluate (s, model, field, Xtr, dXtr, Xte, dXte, x0, t)
  s.model = model;
  s.train_loss = mse (field (Xtr) - dXtr);
  s.test_loss = mse (field (Xte) - dXte);
  % all held-out trajectories as one ODE system: rows of a K x 2 state
  K = size (x0, 1);
  f = @(tt, y) reshape (field (reshape (y, K, 2)), [], 1);
  opt = odeset ('RelTol', 1e-10, 'AbsTol', 1e-10);
  [~, y] = ode45 (f, t, x0(:), opt);
  s.x = permute (reshape (y, numel (t), K, 2), [1 3 2]);   % time x 2 x K
  E = squeeze (s.x(:,1,:).^2 + s.x(:,2,:).^2);            % time x K
  E0 = (x0(:,1).^2 + x0(:,2).^2)';
  s.energy_mse = mse (E - E0);
end

function v = mse (R)
  v = mean (R(:).^2);
end

% Exact states at times t (column) from initial states x0 (K x 2):
% time x 2 x K.
function x = exact (x0, t)
  K = size (x0, 1);
  x = zeros (numel (t), 2, K);
  for k = 1:K
    x(:,1,k) = x0(k,1) * cos (2*t) + x0(k,2) * sin (2*t);
    x(:,2,k) = x0(k,2) * cos (2*t) - x0(k,1) * sin (2*t);
  end
end

function [Xtr, dXtr, Xte, dXte, x0te] = spring_data (seed)
  % a private generator, so the caller's random state is left alone
  old_u = rand ('state');
  old_n = randn ('state');
  rand ('state', seed);
  randn ('state', seed);
  [Xtr, dXtr] = trajectories (25);
  [Xte, dXte, x0te] = trajectories (25);
  rand ('state', old_u);
  randn ('state', old_n);
end

function [X, dX, x0] = trajectories (K)
  t = linspace (0, 3, 30)';
  X = zeros (K * 30, 2);
  dX = zeros (K * 30, 2);
  x0 = zeros (K, 2);
  for k = 1:K
    y0 = rand (1, 2) * 2 - 1;
    radius = rand () * 0.9 + 0.1;
    x0(k,:) = y0 / norm (y0) * radius;
    x = exact (x0(k,:), t);
    rowsk = (k - 1) * 30 + (1:30);
    dX(rowsk,:) = [2 * x(:,2), -2 * x(:,1)];
    X(rowsk,:) = x + 0.1 * randn (30, 2);
  end
end
