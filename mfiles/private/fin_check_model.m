% -*- texinfo -*-
% @deftypefn {hlnn} {} fin_check_model (@var{model}, @var{prep}, @var{fname})
% Raise @code{hlnn:fin:model} unless @var{model} is an MLP, HNN or LNN
% struct whose state width matches the phase-space data @var{prep}, and
% @code{hlnn:fin:prep} unless @var{prep} comes from fin_phase_space
% (internal).
% @end deftypefn
function fin_check_model (model, prep, fname)
  if (~isstruct (prep) || ~isscalar (prep) || ~isfield (prep, 'X') || ~isfield (prep, 'norm') ...
      || ~isfield (prep, 'valid'))
    error ('hlnn:fin:prep', '%s: PREP must come from fin_phase_space', fname);
  end
  if (~isstruct (model) || ~isscalar (model) || ~isfield (model, 'kind') ...
      || ~ischar (model.kind) || ~any (strcmp (model.kind, {'mlp', 'hnn', 'lnn'})))
    error ('hlnn:fin:model', '%s: MODEL must be an mlp, hnn or lnn model struct', fname);
  end
  n = prep.n;
  if (strcmp (model.kind, 'mlp'))
    ok = isfield (model, 'sizes') && model.sizes(1) == 2 * n && model.sizes(end) == 2 * n;
  else
    ok = isfield (model, 'n') && model.n == n;
  end
  if (~ok)
    error ('hlnn:fin:model', '%s: MODEL does not match the %d series of PREP (state width %d)', ...
           fname, n, 2 * n);
  end
end
