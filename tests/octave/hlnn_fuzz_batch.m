% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_fuzz_batch (@var{table}, @var{first}, @var{log})
% Run the cases @var{first}, @var{first}+1, ... of the case table
% returned by the function named @var{table} (e.g. hlnn_fuzz_cases) in
% this process, appending to file @var{log} a line @code{begin I} before
% case I and @code{end I <TAB> id <TAB> message} after it (flushed), and
% @code{finished} at the end.  A crash therefore leaves a @code{begin}
% without its @code{end} (tests only; see hlnn_fuzz_run).
% @end deftypefn
function hlnn_fuzz_batch (table, first, log)
  warning ('off', 'all');
  C = feval (table);
  fid = fopen (log, 'a');
  for i = first:numel (C)
    fprintf (fid, 'begin %d\n', i);
    fflush (fid);
    c = C(i);
    id = 'NOERROR';
    msg = '';
    try
      if (c.nout == 0)
        feval (c.fn, c.args{:});
      else
        out = cell (1, c.nout);
        [out{:}] = feval (c.fn, c.args{:});
      end
    catch err
      id = err.identifier;
      msg = regexprep (err.message, '\s+', ' ');
    end
    if (isempty (id))
      id = 'EMPTY-ID';
    end
    fprintf (fid, 'end %d\t%s\t%s\n', i, id, msg);
    fflush (fid);
  end
  fprintf (fid, 'finished\n');
  fclose (fid);
end
