% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_check_model (@var{model}, @var{kind}, @var{fname})
% Raise @code{hlnn:model:type} / @code{hlnn:model:kind} unless
% @var{model} is a scalar model struct of kind @var{kind} (internal).
% The C gateways check the rest (layers, sizes, finiteness).
% @end deftypefn
function hlnn_check_model (model, kind, fname)
  if (~isstruct (model) || ~isscalar (model) || ~isfield (model, 'kind'))
    error ('hlnn:model:type', '%s: MODEL must be a model struct (see %s_create)', ...
           fname, kind);
  end
  if (~ischar (model.kind) || ~strcmp (model.kind, kind))
    error ('hlnn:model:kind', '%s: MODEL must be of kind ''%s''', fname, kind);
  end
end
