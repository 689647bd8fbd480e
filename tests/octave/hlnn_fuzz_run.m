% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{r} =} hlnn_fuzz_run ()
% @deftypefnx {hlnn} {@var{r} =} hlnn_fuzz_run (@var{table})
% Run every case of hlnn_fuzz_cases (or of the function named
% @var{table}) in child octave-cli processes and classify the outcomes
% (tests only).
%
% A child runs the cases from some index on; when it dies (crash, abort,
% timeout), the case it had begun is counted as crashed and a new child
% continues after it.  @var{r} has fields @code{tried}, @code{ok}
% (@code{hlnn:} identifier, message names the argument), @code{interp}
% (arity errors raised by the interpreter itself, as expected),
% @code{crashed} and @code{failed} (cell arrays of case descriptions), and
% @code{by_fn} (cases per function).
% @end deftypefn
function r = hlnn_fuzz_run (table)
  if (nargin < 1)
    table = 'hlnn_fuzz_cases';
  end
  C = feval (table);
  n = numel (C);
  log = [tempname(), '.log'];
  ids = repmat ({''}, 1, n);
  msgs = repmat ({''}, 1, n);
  seen = false (1, n);
  crashed = {};
  first = 1;
  while (first <= n)
    [rc, out] = hlnn_test_child (sprintf ('hlnn_fuzz_batch (''%s'', %d, ''%s'');', ...
                                          table, first, log), 300);
    text = fileread (log);
    delete (log);
    lines = strsplit (text, "\n");
    last_begin = 0;
    for k = 1:numel (lines)
      L = lines{k};
      if (strncmp (L, 'begin ', 6))
        last_begin = str2double (L(7:end));
      elseif (strncmp (L, 'end ', 4))
        parts = strsplit (L(5:end), "\t");
        i = str2double (parts{1});
        ids{i} = parts{2};
        msgs{i} = strjoin (parts(3:end), ' ');
        seen(i) = true;
      end
    end
    if (any (strcmp (lines, 'finished')))
      break;
    end
    if (last_begin == 0 || seen(last_begin))
      error ('hlnn_fuzz_run: child died outside a case (rc %d): %s', rc, out);
    end
    crashed{end+1} = sprintf ('%s (rc %d)', C(last_begin).label, rc);
    first = last_begin + 1;
  end

  r = struct ('tried', n, 'ok', 0, 'interp', 0, 'crashed', {crashed}, ...
              'failed', {{}}, 'by_fn', struct ());
  for i = find (seen)
    c = C(i);
    id = ids{i};
    alts = cellstr (c.name);
    names_it = false;
    for a = 1:numel (alts)
      names_it = names_it || ~isempty (regexpi (msgs{i}, ['(^|[^A-Za-z0-9_])', ...
                                        regexptranslate('escape', alts{a}), ...
                                        '([^A-Za-z0-9_]|$)'], 'once'));
    end
    if (c.interp)
      good = strcmp (id, 'Octave:invalid-fun-call') && names_it;
      r.interp = r.interp + good;
    else
      good = strncmp (id, 'hlnn:', 5) && names_it;
      r.ok = r.ok + good;
    end
    if (~good)
      r.failed{end+1} = sprintf ('%s -> %s "%s" (should name %s)', c.label, ...
                                 id, msgs{i}, strjoin (alts, ' or '));
    end
    f = strrep (c.fn, '-', '_');
    if (~isfield (r.by_fn, f))
      r.by_fn.(f) = 0;
    end
    r.by_fn.(f) = r.by_fn.(f) + 1;
  end
end
