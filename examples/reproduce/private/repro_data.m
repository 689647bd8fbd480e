% -*- texinfo -*-
% @deftypefn {hlnn} {@var{data} =} repro_data (@var{task}, @var{seed})
% The training and test sets of a task, made as Greydanus et al. made
% them: @code{hlnn_dataset} with the paper's sizes for the analytic
% systems; for the real pendulum the measured file
% @file{examples/data/real-pendulum/real_pend_h_1.txt}, forward
% differences @code{(x(i+1) - x(i)) / (t(i+1) - t(i))} as targets (on
% the last row dropped), the first 80% for training and the next 20% for
% testing, in time order (their @code{experiment-real/data.py}); the
% real data do not depend on @var{seed}.  For the double pendulum, states
% rather than trajectories, as Cranmer et al. trained their LNN: angles
% uniform on the circle, rates uniform within
% +-@code{settings.rate_max}, kept where the energy is at most
% @code{settings.energy_max}, with their accelerations as the targets
% (@code{settings.train_states} for training and a quarter as many for
% testing).
% @end deftypefn
function data = repro_data (task, seed)
  if (strcmp (task, 'real_pendulum'))
    here = fileparts (fileparts (mfilename ('fullpath')));
    D = load ('-ascii', fullfile (here, '..', 'data', 'real-pendulum', ...
                                  'real_pend_h_1.txt'));
    t = D(:,2);
    x = D(:,3:4);
    dx = diff (x) ./ diff (t);
    x = x(1:end-1,:);
    t = t(1:end-1);
    N = size (x, 1);
    a = floor (N * 0.8);
    b = a + round (N * 0.2);      % numpy: int(555 * 0.2) = 111
    data.x = x(1:a,:);  data.dx = dx(1:a,:);  data.t = t(1:a);
    data.test_x = x(a+1:b,:);  data.test_dx = dx(a+1:b,:);
    data.test_t = t(a+1:b);
    data.sys = [];
  elseif (strcmp (task, 'double_pendulum'))
    s = repro_settings (task);
    sys = hlnn_system (task);
    N = s.train_states;
    X = energy_shell (sys, round (1.25 * N), s.energy_max, s.rate_max, seed);
    dx = [X(:,3:4), sys.accel(X)];
    data.x = X(1:N,:);  data.dx = dx(1:N,:);
    data.test_x = X(N+1:end,:);  data.test_dx = dx(N+1:end,:);
    data.sys = sys;
  else
    sys = hlnn_system (task);
    data = hlnn_dataset (sys, 'Seed', seed);
    data.sys = sys;
  end
end

% K states with energy <= Emax and rates within +-wmax, uniform there:
% rejection from angles in [-pi, pi] and rates in [-wmax, wmax].
function X = energy_shell (sys, K, Emax, wmax, seed)
  box = [pi pi wmax wmax];
  state = rand ('state');
  rand ('state', seed);
  X = zeros (0, 4);
  while (rows (X) < K)
    Y = box .* (2 * rand (K, 4) - 1);
    X = [X; Y(sys.energy (Y) <= Emax,:)];
  end
  rand ('state', state);
  X = X(1:K,:);
end
