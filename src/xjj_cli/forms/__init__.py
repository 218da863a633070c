"""The month's fill-in workbooks (SPEC §8): ``layout`` is the contract shared by the writer
(``write``, ``xjj forms``) and the reader (``xjj import``)."""
