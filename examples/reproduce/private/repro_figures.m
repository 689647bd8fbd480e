% -*- texinfo -*-
% @deftypefn {hlnn} {} repro_figures (@var{r})
% PNG figures of a task result under @code{HLNN_REPRO_FIGS} (default
% @file{doc/figures}): for each protocol, the first start of seed 1: phase
% portrait (q, p for one degree of freedom; body 1's x, y for the orbits)
% and energy against time, true vs baseline vs learned model (and the
% HNN rolled out with gl4, the LNN with the variational integrator).
% The axes follow the true curve: a model curve that leaves it by more
% than ten times its extent (a blown-up rollout) is cut at the frame.
% @end deftypefn
function repro_figures (r)
  d = getenv ('HLNN_REPRO_FIGS');
  if (isempty (d))
    here = fileparts (fileparts (mfilename ('fullpath')));
    d = fullfile (here, '..', '..', 'doc', 'figures');
  end
  if (~exist (d, 'dir'))
    mkdir (d);
  end
  lnn = isfield (r, 'lnn_clean');
  for prot = fieldnames (r.fig)'
    f = r.fig.(prot{1});
    h = figure ('visible', 'off', 'position', [0 0 1000 380]);
    [i, j, xl, yl] = axes_of (r.settings.task, size (f.Xtrue, 2));
    subplot (1, 2, 1);
    plot (f.Xtrue(:,i), f.Xtrue(:,j), 'k-', 'linewidth', 2);
    hold on;
    names = {'true'};
    [curves, labels, styles] = models (lnn);
    xs = {f.Xtrue(:,i)};  ys = {f.Xtrue(:,j)};
    for c = 1:numel (curves)
      if (~isfield (f, curves{c}))     % results saved before the column
        continue;
      end
      X = f.(curves{c});
      if (~isempty (X))
        plot (X(:,i), X(:,j), styles{c});
        names{end+1} = labels{c};
        xs{end+1} = X(:,i);  ys{end+1} = X(:,j);
      end
    end
    hold off;
    xlim (frame (xs, 0));  ylim (frame (ys, 0));
    xlabel (xl); ylabel (yl);
    title (sprintf ('%s: phase portrait (%s protocol)', r.settings.title, prot{1}));
    legend (names, 'location', 'northeastoutside');
    subplot (1, 2, 2);
    plot (f.t, f.Etrue, 'k-', 'linewidth', 2);
    hold on;
    names = {'true'};
    es = {f.Etrue};
    for c = 1:numel (curves)
      if (~isfield (f, ['E' curves{c}]))
        continue;
      end
      E = f.(['E' curves{c}]);
      if (~isempty (E))
        plot (f.t(1:numel (E)), E, styles{c});
        names{end+1} = labels{c};
        es{end+1} = E;
      end
    end
    hold off;
    ylim (frame (es, 0.1));
    xlabel ('t'); ylabel ('energy');
    title ('energy along the rollout');
    legend (names, 'location', 'northeastoutside');
    print (h, fullfile (d, sprintf ('%s_%s.png', r.settings.task, prot{1})), ...
           '-dpng', '-r80');
    close (h);
  end
end

% Axis limits: the extent of the true curve v{1} (at least rel_min times
% its size, so that a constant energy gets a frame) and of the model
% curves within ten extents of its centre, padded by half an extent.
function lim = frame (v, rel_min)
  t = v{1}(isfinite (v{1}));
  mid = (max (t) + min (t)) / 2;
  span = max ([max(t) - min(t), rel_min * max(1, abs(mid)), 1e-9]);
  lo = min (t);  hi = max (t);
  for k = 2:numel (v)
    x = v{k}(isfinite (v{k}));
    if (~isempty (x) && max (abs (x - mid)) <= 10 * span)
      lo = min (lo, min (x));  hi = max (hi, max (x));
    end
  end
  pad = max (0.05 * (hi - lo), span / 2);
  lim = [lo - pad, hi + pad];
end

function [c, l, s] = models (lnn)
  if (lnn)
    c = {'base', 'lnn', 'lnn_vi'};
    l = {'baseline (rk4)', 'LNN (rk4)', 'LNN (variational)'};
    s = {'r-', 'b-', 'g--'};
  else
    c = {'base', 'hnn', 'gl4'};
    l = {'baseline (RK)', 'HNN (RK)', 'HNN (gl4)'};
    s = {'r-', 'b-', 'g--'};
  end
end

function [i, j, xl, yl] = axes_of (task, d)
  switch (task)
    case 'two_body'
      i = 1; j = 3; xl = 'x_1'; yl = 'y_1';
    case 'three_body'
      i = 1; j = 4; xl = 'x_1'; yl = 'y_1';
    case 'double_pendulum'
      i = 2; j = 4; xl = 'q_2'; yl = 'qdot_2';
    otherwise
      i = 1; j = d / 2 + 1; xl = 'q'; yl = 'p';
  end
end
