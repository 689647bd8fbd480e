% -*- texinfo -*-
% @deftypefn {hlnn} {@var{lines} =} repro_header (@var{lnn})
% Markdown header lines of the results table: the HNN tasks' (Greydanus
% et al. Table 1 columns) or, when @var{lnn} is true, the double
% pendulum's (Cranmer et al.).
% @end deftypefn
function lines = repro_header (lnn)
  if (lnn)
    lines = {['| task | model | paper energy error | ours: accel. test loss | ' ...
              'ours: energy error (rk4) | baseline / LNN |'], ...
             '|---|---|---|---|---|---|'};
  else
    lines = {['| task (units) | model | paper train | ours train | paper test | ' ...
              'ours test | paper energy | ours energy, paper protocol | ' ...
              'ours energy, clean protocol | ours energy, HNN with gl4 (paper / clean) |'], ...
             '|---|---|---|---|---|---|---|---|---|---|'};
  end
end
