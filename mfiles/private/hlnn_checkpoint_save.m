% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_checkpoint_save (@var{file}, @var{model})
% Save @var{model} to @var{file} atomically (internal): write a temporary
% file in the same directory, then rename it over @var{file}, so a crash
% or kill mid-write leaves the previous checkpoint intact.  Raises
% @code{hlnn:train:checkpoint} when the file cannot be written.
%
% rename(2) within one file system is atomic: a reader sees the old or
% the new file, never a mixture.  The data is not fsync'ed, so a power
% failure (unlike a killed process) may still lose the latest checkpoint
% on file systems that do not order the rename after the data.
% @end deftypefn
function hlnn_checkpoint_save (file, model)
  if (exist ('OCTAVE_VERSION', 'builtin'))
    pid = getpid ();
  else
    pid = feature ('getpid');
  end
  % one temporary per process: concurrent writers never share a half file
  tmp = sprintf ('%s.tmp%d', file, pid);
  try
    save ('-v7', tmp, 'model');
  catch err
    if (exist (tmp, 'file'))
      delete (tmp);
    end
    error ('hlnn:train:checkpoint', 'cannot write checkpoint %s: %s', file, err.message);
  end
  if (exist ('rename', 'builtin'))
    [status, msg] = rename (tmp, file);
    ok = (status == 0);
  else
    [ok, msg] = movefile (tmp, file, 'f');
  end
  if (~ok)
    error ('hlnn:train:checkpoint', 'cannot write checkpoint %s: %s', file, msg);
  end
end
