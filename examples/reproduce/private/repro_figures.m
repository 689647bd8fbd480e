% -*- texinfo -*-
% @deftypefn {hlnn} {} repro_figures (@var{r})
% PNG figures of a task result under @code{HLNN_REPRO_FIGS} (default
% @file{doc/figures}): for each protocol, the first start of seed 1: phase
% portrait (q, p for one degree of freedom; body 1's x, y for the orbits)
% and energy against time, true vs baseline vs learned model (and the
% HNN rolled out with gl4, the LNN with the variational integrator).
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
    for c = 1:numel (curves)
      if (~isfield (f, curves{c}))     % results saved before the column
        continue;
      end
      X = f.(curves{c});
      if (~isempty (X))
        plot (X(:,i), X(:,j), styles{c});
        names{end+1} = labels{c};
      end
    end
    hold off;
    xlabel (xl); ylabel (yl);
    title (sprintf ('%s: phase portrait (%s protocol)', r.settings.title, prot{1}));
    legend (names, 'location', 'northeastoutside');
    subplot (1, 2, 2);
    plot (f.t, f.Etrue, 'k-', 'linewidth', 2);
    hold on;
    names = {'true'};
    for c = 1:numel (curves)
      if (~isfield (f, ['E' curves{c}]))
        continue;
      end
      E = f.(['E' curves{c}]);
      if (~isempty (E))
        plot (f.t(1:numel (E)), E, styles{c});
        names{end+1} = labels{c};
      end
    end
    hold off;
    xlabel ('t'); ylabel ('energy');
    title ('energy along the rollout');
    legend (names, 'location', 'northeastoutside');
    print (h, fullfile (d, sprintf ('%s_%s.png', r.settings.task, prot{1})), ...
           '-dpng', '-r80');
    close (h);
  end
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
