% -*- texinfo -*-
% @deftypefn {hlnn} {@var{opts} =} hlnn_options (@var{defaults}, @var{area}, @var{fname}, @var{args})
% Merge name/value pairs or a struct into @var{defaults} (internal).
%
% Names are matched case-insensitively against the fields of
% @var{defaults}; an unknown name raises @code{hlnn:@var{area}:option}
% listing the valid names.  @var{args} is a cell array: either pairs
% @code{@{name, value, ...@}} or a single struct, possibly followed by
% further pairs (which take precedence).
% @end deftypefn
function opts = hlnn_options (defaults, area, fname, args)
  opts = defaults;
  valid = fieldnames (defaults);
  id = sprintf ('hlnn:%s:option', area);
  if (~isempty (args) && isstruct (args{1}))
    if (numel (args{1}) ~= 1)
      error (id, '%s: an options struct must be scalar', fname);
    end
    s = args{1};
    names = fieldnames (s);
    pairs = cell (1, 2 * numel (names));
    for i = 1:numel (names)
      pairs{2*i-1} = names{i};
      pairs{2*i} = s.(names{i});
    end
    args = [pairs, args(2:end)];
  end
  if (mod (numel (args), 2) ~= 0)
    error (id, '%s: options must be name/value pairs', fname);
  end
  for k = 1:2:numel (args)
    name = args{k};
    if (~ischar (name) || size (name, 1) ~= 1)
      error (id, '%s: option names must be strings (argument %d is a %s)', ...
             fname, k, class (name));
    end
    hit = find (strcmpi (name, valid));
    if (isempty (hit))
      error (id, '%s: unknown option ''%s''; valid options are: %s', fname, ...
             name, strjoin (valid', ', '));
    end
    opts.(valid{hit}) = args{k+1};
  end
end
