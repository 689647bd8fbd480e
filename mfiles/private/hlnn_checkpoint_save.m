% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_checkpoint_save (@var{file}, @var{model})
% Save @var{model} to @var{file} atomically (internal): write a temporary
% file in the same directory, then rename it over @var{file}, so a crash
% mid-write leaves the previous checkpoint intact.
% @end deftypefn
function hlnn_checkpoint_save (file, model)
  tmp = [file, '.tmp'];
  save (tmp, 'model', '-v7');
  [ok, msg] = movefile (tmp, file, 'f');
  if (~ok)
    error ('hlnn:train:checkpoint', 'cannot write checkpoint %s: %s', file, msg);
  end
end
