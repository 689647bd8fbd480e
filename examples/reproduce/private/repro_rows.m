% -*- texinfo -*-
% @deftypefn {hlnn} {@var{lines} =} repro_rows (@var{r})
% Markdown table rows of a task result @var{r} (from
% @code{repro_hnn_task} or @code{repro_lnn_task}): the paper's figure
% beside ours, in the paper's units, ours as mean +- standard error over
% seeds (std / sqrt (seeds); the paper's spread is the standard error
% over 5 splits of its 15 trials).  Failed rollouts are left out of the
% mean and counted.
% @end deftypefn
function lines = repro_rows (r)
  s = r.settings;
  k = s.scale;
  lines = {};
  if (isfield (r, 'lnn_clean'))
    vi = '-';  fin = {'-', '-'};   % results saved before these columns
    if (isfield (r, 'lnn_vi'))
      vi = pm (r.lnn_vi, 1);
    end
    if (isfield (r, 'lnn_final'))
      fin = {pm(r.base_final, 1), [pm(r.lnn_final, 1) ' / ' pm(r.lnn_vi_final, 1)]};
    end
    lines{end+1} = sprintf ('| %s | baseline | %s | %s | %s | - | %s | - |', ...
      s.title, s.paper_base, pm (r.base_loss, 1), pm (r.base_clean, 1), fin{1});
    lines{end+1} = sprintf ('| %s | LNN | %s | %s | %s | %s | %s | %s |', ...
      s.title, s.paper_lnn, pm (r.lnn_loss, 1), pm (r.lnn_clean, 1), vi, ...
      fin{2}, ratio (r.base_clean, r.lnn_clean));
    return;
  end
  name = sprintf ('%s (%s)', s.title, s.unit);
  gl4_paper = '-';                  % not run unless HLNN_REPRO_GL4_PAPER
  if (any (isfinite (r.gl4_paper)))
    gl4_paper = pm (r.gl4_paper, k);
  end
  lines{end+1} = sprintf ('| %s | baseline | %s | %s | %s | %s | %s | %s | %s | - |', ...
    name, paper (s.paper.base, 1), pm (r.base_train, k), paper (s.paper.base, 2), ...
    pm (r.base_test, k), paper (s.paper.base, 3), pm (r.base_paper, k), ...
    pm (r.base_clean, k));
  lines{end+1} = sprintf ('| %s | HNN | %s | %s | %s | %s | %s | %s | %s | %s / %s |', ...
    name, paper (s.paper.hnn, 1), pm (r.hnn_train, k), paper (s.paper.hnn, 2), ...
    pm (r.hnn_test, k), paper (s.paper.hnn, 3), pm (r.hnn_paper, k), ...
    pm (r.hnn_clean, k), gl4_paper, pm (r.gl4_clean, k));
end

function txt = paper (P, j)
  if (isnan (P(1, j)))
    txt = '-';
  else
    txt = sprintf ('%s ± %s', num (P(1, j)), num (P(2, j)));
  end
end

function txt = pm (v, k)
  ok = isfinite (v);
  v = k * v(ok);
  if (isempty (v))
    txt = 'failed';
    return;
  end
  se = 0;
  if (numel (v) > 1)
    se = std (v) / sqrt (numel (v));
  end
  txt = sprintf ('%s ± %s', num (mean (v)), num (se));
  if (any (~ok))
    txt = sprintf ('%s (%d failed)', txt, sum (~ok));
  end
end

function txt = ratio (a, b)
  txt = sprintf ('%.3g', mean (a(isfinite (a))) / mean (b(isfinite (b))));
end

function txt = num (x)
  if (abs (x) >= 1e4 || (abs (x) < 1e-2 && x ~= 0))
    txt = sprintf ('%.2g', x);
  else
    txt = sprintf ('%.3g', x);
  end
end
