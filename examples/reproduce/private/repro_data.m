% -*- texinfo -*-
% @deftypefn {hlnn} {@var{data} =} repro_data (@var{task}, @var{seed})
% The training and test sets of a task, made as Greydanus et al. made
% them: @code{hlnn_dataset} with the paper's sizes for the analytic
% systems; for the real pendulum the measured file
% @file{examples/data/real-pendulum/real_pend_h_1.txt}, forward
% differences @code{(x(i+1) - x(i)) / (t(i+1) - t(i))} as targets (on
% the last row dropped), the first 80% for training and the next 20% for
% testing, in time order (their @code{experiment-real/data.py}); the
% real data do not depend on @var{seed}.
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
  else
    sys = hlnn_system (task);
    data = hlnn_dataset (sys, 'Seed', seed);
    data.sys = sys;
  end
end
