% test_docstrings.m -- every public function's help renders: `help fn'
% goes through makeinfo without errors, shows the function's definition
% line and leaks no Texinfo markup, and makeinfo gives no error or
% warning on the docstring (Octave's help hides its warnings).
function test_docstrings ()
end

%!shared fns
%! top = fileparts (fileparts (which ('hnn_train')));
%! fns = regexp (fileread (fullfile (top, 'INDEX')), '(?m)^ +(\w+) *$', 'tokens');
%! fns = [fns{:}];

%!test
%! assert (numel (fns) >= 30);
%! bad = {};
%! for i = 1:numel (fns)
%!   txt = evalc (sprintf ('help %s', fns{i}));
%!   def = regexp (txt, ['(?m)^ -- .*\<' fns{i} '\>'], 'once');
%!   leak = regexp (txt, '@[a-z]+\{|raw Texinfo source', 'once');
%!   if (isempty (def) || ~isempty (leak))
%!     bad{end+1} = fns{i};
%!   end
%! end
%! assert (bad, {});

%!test
%! % the same docstrings through makeinfo with warnings on, all in one run
%! % (one node each); Octave's macros.texi defines @qcode and its
%! % @seealso (as @xseealso)
%! text = {sprintf('\\input texinfo\n@node Top\n@top t\n'), fileread(texi_macros_file ())};
%! for i = 1:numel (fns)
%!   [txt, fmt] = get_help_text (fns{i});
%!   assert (fmt, 'texinfo');
%!   text{end+1} = sprintf ('\n@node %s\n@chapter %s\n%s\n', fns{i}, fns{i}, ...
%!                          strrep (txt, '@seealso{', '@xseealso{'));
%! end
%! text{end+1} = sprintf ('@bye\n');
%! f = [tempname() '.texi'];
%! fid = fopen (f, 'w');
%! fprintf (fid, '%s', [text{:}]);
%! fclose (fid);
%! [st, out] = system (sprintf ('%s --plaintext -o /dev/null "%s" 2>&1', makeinfo_program (), f));
%! delete (f);
%! if (st ~= 0 || ~isempty (strtrim (out)))
%!   % makeinfo's line numbers drift after multi-line macro calls: find
%!   % the culprits one function at a time
%!   bad = {};
%!   for i = 1:numel (fns)
%!     f = [tempname() '.texi'];
%!     fid = fopen (f, 'w');
%!     fprintf (fid, '%s', [text{1:2}, text{i+2}, text{end}]);
%!     fclose (fid);
%!     [st1, out1] = system (sprintf ('%s --plaintext -o /dev/null "%s" 2>&1', makeinfo_program (), f));
%!     delete (f);
%!     if (st1 ~= 0 || ~isempty (strtrim (out1)))
%!       bad{end+1} = fns{i};
%!     end
%!   end
%!   error ('makeinfo on the docstrings of %s: %s', strjoin (bad, ', '), out);
%! end

%!test
%! % a broken docstring is caught by the check above
%! macros = fileread (texi_macros_file ());
%! f = [tempname() '.texi'];
%! fid = fopen (f, 'w');
%! fprintf (fid, '\\input texinfo\n@node Top\n@top t\n%s\n@deftypefn {hlnn} {} f (@var{x)\n@end deftypefn\n@bye\n', macros);
%! fclose (fid);
%! [st, out] = system (sprintf ('%s --plaintext -o /dev/null "%s" 2>&1', makeinfo_program (), f));
%! delete (f);
%! assert (st ~= 0 || ~isempty (strtrim (out)));
