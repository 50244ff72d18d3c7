/* The driving licence and the road-transport qualification, with their photos. */
window.resumeForm({ next: 'resume.html' })
