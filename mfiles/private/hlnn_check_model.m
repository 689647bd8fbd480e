% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_check_model (@var{model}, @var{kind}, @var{fname})
% Raise an @code{hlnn:model:*} error naming the faulty field unless
% @var{model} is a scalar model struct of kind @var{kind} whose
% @code{sizes} agree with the shapes of its @code{W} and @code{b} cells
% (internal).  The .m API relies on @code{model.sizes}; the C gateways
% check the rest (classes, finiteness, activation).
% @end deftypefn
function hlnn_check_model (model, kind, fname)
  if (~isstruct (model) || ~isscalar (model))
    error ('hlnn:model:type', '%s: MODEL must be a scalar model struct (see %s_create)', ...
           fname, kind);
  end
  if (~isfield (model, 'kind'))
    error ('hlnn:model:field', '%s: MODEL.kind is missing (see %s_create)', fname, kind);
  end
  if (~ischar (model.kind) || ~strcmp (model.kind, kind))
    error ('hlnn:model:kind', '%s: MODEL must be of kind ''%s'' (MODEL.kind)', fname, kind);
  end
  need = {'activation', 'sizes', 'W', 'b'};
  for i = 1:numel (need)
    if (~isfield (model, need{i}))
      error ('hlnn:model:field', '%s: MODEL.%s is missing (see %s_create)', ...
             fname, need{i}, kind);
    end
  end
  s = model.sizes;
  if (~isnumeric (s) || ~isreal (s) || ~isvector (s) || numel (s) < 2 ...
      || any (~isfinite (s)) || any (s < 1) || any (s ~= fix (s)))
    error ('hlnn:model:layers', '%s: MODEL.sizes must list the layer widths', fname);
  end
  L = numel (s) - 1;
  if (~iscell (model.W) || ~iscell (model.b) || numel (model.W) ~= L ...
      || numel (model.b) ~= L)
    error ('hlnn:model:layers', ...
           '%s: MODEL.W and MODEL.b must be cells of %d layers (as MODEL.sizes says)', ...
           fname, L);
  end
  for l = 1:L
    if (~isequal (size (model.W{l}), [s(l+1), s(l)]))
      error ('hlnn:model:layers', '%s: MODEL.W{%d} must be %d x %d (as MODEL.sizes says), got %s', ...
             fname, l, s(l+1), s(l), mat2str (size (model.W{l})));
    end
    if (~isequal (size (model.b{l}), [s(l+1), 1]))
      error ('hlnn:model:layers', '%s: MODEL.b{%d} must be %d x 1 (as MODEL.sizes says), got %s', ...
             fname, l, s(l+1), mat2str (size (model.b{l})));
    end
  end
end
