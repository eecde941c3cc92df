def export_docx(*a, **k): raise NotImplementedError
def save_default_reference(*a, **k): raise NotImplementedError
