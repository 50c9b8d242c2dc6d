%matplotlib inline
!pip install -q tensorflow
import numpy as np
import matplotlib.pyplot as plt
from IPython.display import display
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import *
from tensorflow.keras.optimizers import *

display(np.zeros(3))
IMG = 64

model = Sequential()
model.add(Conv2D(16, (3, 3), activation='relu', input_shape=(IMG, IMG, 3)))
model.add(MaxPool2D())
model.add(Conv2D(32, (3, 3), activation='relu'))
model.add(MaxPool2D())
model.add(Flatten())
model.add(Dense(64, activation='relu'))
model.add(Dense(1, activation='sigmoid'))
model.compile(optimizer=RMSprop(learning_rate=1e-4), loss='binary_crossentropy', metrics=['accuracy'])
model.summary()
history = model.fit(train_images, train_labels, epochs=15, validation_data=(val_images, val_labels))
acc = history.history['accuracy']
plt.plot(range(len(acc)), acc, 'bo', label='Training acc')
