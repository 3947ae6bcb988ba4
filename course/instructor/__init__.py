"""Tools for instructors running the course on JupyterHub.

The learner's side writes one results file per lesson into a shared drop box;
the instructor's side loads those files, analyses the class and exports a
gradebook. Everything here is plain Python over files (no widgets), so the
command line, the tests and the dashboard widget share it:

=============  ============================================================
module         one job
=============  ============================================================
``results``    the results-file format: build it from the progress store,
               check it against ``results.schema.json``, fold its attempts
``exchange``   the drop box: create it, and write a results file into it
``loading``    read every results file, setting aside bad ones with a reason
``analysis``   completion, scores, learners who need a look, item analysis,
               mastery per objective
``gradebook``  the CSV a learning platform imports
``dashboard``  the class report as accessible HTML, with charts
``demo``       a synthetic class, to try the dashboard before teaching
``links``      the nbgitpuller link that hands the course to a class
``timetable``  the lesson timings table in ``docs/instructors.md``
=============  ============================================================
"""
