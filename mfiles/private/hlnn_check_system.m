% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_check_system (@var{sys}, @var{name}, @var{fname}, @var{id}, @var{more})
% Raise error @var{id} naming argument @var{name} unless @var{sys} is a
% system struct as hlnn_system makes it (internal): a scalar struct of
% kind @qcode{'system'} with a name, real finite parameters (one per
% parameter name, when it lists them), n, form, and the fields in the cell
% @var{more} that the caller reads.  Whether the name and parameter values
% make a valid system is the C core's to say.
% @end deftypefn
function hlnn_check_system (sys, name, fname, id, more)
  if (nargin < 5)
    more = {};
  end
  if (~isstruct (sys) || ~isscalar (sys) || ~isfield (sys, 'kind') ...
      || ~ischar (sys.kind) || ~strcmp (sys.kind, 'system'))
    error (id, '%s: %s must be made by hlnn_system (a system struct)', fname, name);
  end
  % the minimal struct that hlnn_system's function handles capture
  need = [{'name', 'params', 'n', 'form'}, more];
  for k = 1:numel (need)
    if (~isfield (sys, need{k}))
      error (id, '%s: %s.%s is missing (make systems with hlnn_system)', ...
             fname, name, need{k});
    end
  end
  if (~ischar (sys.name) || size (sys.name, 1) ~= 1)
    error (id, '%s: %s.name must be a system name', fname, name);
  end
  p = sys.params;
  if (~isa (p, 'double') || ~isreal (p) || issparse (p) || ~isvector (p) ...
      || any (~isfinite (p)) || (isfield (sys, 'param_names') ...
          && (~iscellstr (sys.param_names) || numel (p) ~= numel (sys.param_names))))
    error (id, '%s: %s.params must be one real finite value per name in %s.param_names', ...
           fname, name, name);
  end
end
